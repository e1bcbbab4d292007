package dev.chainlightning.testbed.emu;

import dev.chainlightning.testbed.emu.EmulationProfile.Direction;
import dev.chainlightning.testbed.emu.EmulationProfile.Phase;
import dev.chainlightning.tun.LinuxTun;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The link emulator process: runs inside a link's emulator namespace, attaches to its TUN device
 * (policy routing sends every packet crossing the namespace into it), and writes each packet back
 * at its release time or drops it.
 *
 * <pre>
 * LinkEmulatorMain --client-net 10.10.0.0/24 [--tun emu0] [--seed N]
 *                  (--profile NAME | --up rate:delay:jitter:loss[:p:r:h] --down ... [--phase ms:factor|ms:outage]...)
 * </pre>
 * Packets to the client net go down, all others up.
 */
public final class LinkEmulatorMain {

    /** Address for the TUN device itself; nothing routes to it. */
    private static final String TUN_ADDRESS = "192.0.2.1";

    private LinkEmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        String tunName = "emu0";
        String clientNet = null;
        String name = "custom";
        Direction up = null;
        Direction down = null;
        List<Phase> phases = new ArrayList<>();
        EmulationProfile named = null;
        long seed = System.nanoTime();
        for (int k = 0; k < args.length; k++) {
            String v = k + 1 < args.length ? args[k + 1] : null;
            switch (args[k]) {
                case "--tun" -> tunName = v;
                case "--client-net" -> clientNet = v;
                case "--profile" -> named = EmulationProfile.named(v);
                case "--name" -> name = v;
                case "--up" -> up = Direction.parse(v);
                case "--down" -> down = Direction.parse(v);
                case "--phase" -> phases.add(Phase.parse(v));
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown argument " + args[k]);
            }
            k++;
        }
        if (clientNet == null) {
            throw new IllegalArgumentException("--client-net CIDR is required");
        }
        EmulationProfile profile = named != null ? named : new EmulationProfile(name, require(up, "--up"),
                require(down, "--down"), phases);
        String[] net = clientNet.split("/");
        int prefix = Integer.parseInt(net[1]);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        int netAddr = toInt((Inet4Address) InetAddress.getByName(net[0])) & mask;

        LinuxTun tun = LinuxTun.open(tunName, (Inet4Address) InetAddress.getByName(TUN_ADDRESS),
                (Inet4Address) InetAddress.getByName("255.255.255.255"), 1500);
        Emulator emulator = new Emulator(tun, profile, netAddr, mask, new SplittableRandom(seed));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            System.out.println("emulator stopped: " + emulator.stats());
        }));
        System.out.println("emulator ready on " + tun.name() + " for " + clientNet + ": " + profile + " seed=" + seed);
        System.out.flush();
        emulator.run();
    }

    private static <T> T require(T v, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " (or --profile) is required");
        }
        return v;
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

}
