package dev.chainlightning.testbed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 9's line-rate comparison, behind {@code bench/line-rate.sh}: Debian's OpenVPN (UDP, TUN,
 * AES-256-GCM) and ChainLightning (AES-256-GCM; one link and three, FEC off and fixed 10+3) over
 * test-bed links without a useful rate limit. Per tunnel: TCP goodput (1 flow each way, 4 flows
 * up), UDP datagrams of 1400 bytes per second received when offered more than the path carries,
 * the CPU both tunnel processes spent per gigabit of the 1-flow upload, and goodput relative to
 * OpenVPN's. Then resident memory of both ends idle and under the 4-flow load, the JVM flags
 * the tunnel ran with, and each tunnel's busiest threads (where the time goes). About 5 minutes.
 */
public final class LineRateBenchmark {
    private static final double UNLIMITED_MBIT = 10_000;
    private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final int UDP_PAYLOAD = 1400;
    /**
     * About twice what either tunnel carries on two cores, so the UDP figure is the path's packet
     * rate; not more, because the sending iperf3 shares those cores (at 2000 it took most of one).
     */
    private static final int UDP_OFFERED_MBIT = 1000;
    /**
     * Longer than the JIT needs (3 s): our link capacity estimates start at about 10 Mbit/s and
     * took 8-9 s of a single flow to reach some 500 Mbit/s here; with 3 s the first measured
     * seconds were held back by our own pacing. OpenVPN gets the same warm-up.
     */
    private static final int WARMUP_SECONDS = 10;
    private static final String ROW_FORMAT = "%-28s %9s %9s %9s %18s %9s %11s %11s%n";

    /** A ChainLightning configuration: how many links, and the [performance] lines that set FEC. */
    private record Setup(String name, int links, String performance) {
    }

    private static final List<Setup> SETUPS = List.of(
            new Setup("ChainLightning 1 link FEC off", 1, "fec_repair_packets = 0"),
            new Setup("ChainLightning 1 link FEC on", 1, "fec_mode = \"fixed\"\nfec_repair_packets = 3"),
            new Setup("ChainLightning 3 links FEC off", 3, "fec_repair_packets = 0"),
            new Setup("ChainLightning 3 links FEC on", 3, "fec_mode = \"fixed\"\nfec_repair_packets = 3"));

    /** The two processes of a running tunnel, and the far end's tunnel address for iperf3. */
    private record Ends(String serverTunIp, Process client, Process server) {
    }

    /** Resident memory (MB) of both ends: after start, and the most seen under load. */
    private record Memory(String tunnel, double clientIdle, double clientLoad, double serverIdle, double serverLoad) {
    }

    private final PrintStream out;
    private final Path dir;
    private final int seconds;
    private final List<Memory> memory = new ArrayList<>();
    private final List<String> busiestThreads = new ArrayList<>();
    private String jvmFlags = "(no ChainLightning run)";
    private double openVpnUp1 = Double.NaN;
    private double openVpnUp4 = Double.NaN;

    private LineRateBenchmark(PrintStream out, Path dir, int seconds) {
        this.out = out;
        this.dir = dir;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        new LineRateBenchmark(System.out, Files.createTempDirectory("chainlightning-linerate-"), seconds).run();
    }

    private void run() throws IOException, InterruptedException {
        out.printf(Locale.ROOT, "# %d s per measurement; TCP in Mbit/s; UDP: %d-byte datagrams offered at %d Mbit/s, "
                + "received per second (loss); CPU: both tunnel processes, user + system, during the 1-flow upload%n",
                seconds, UDP_PAYLOAD, UDP_OFFERED_MBIT);
        out.printf(Locale.ROOT, ROW_FORMAT, "tunnel", "1 up", "1 down", "4 up", "UDP pps (loss)", "CPU s/Gb",
                "cores c/s", "x OpenVPN");
        try (TestBed bed = TestBed.create(unlimitedLinks(1))) {
            try (OpenVpnOnTestBed vpn = OpenVpnOnTestBed.start(bed, dir.resolve("openvpn"))) {
                measure("OpenVPN 2.6 (user space)", bed,
                        new Ends(OpenVpnOnTestBed.SERVER_TUN_IP, vpn.process("client"), vpn.process("server")));
            }
            for (Setup setup : SETUPS.subList(0, 2)) {
                runChainLightning(bed, setup);
            }
        }
        try (TestBed bed = TestBed.create(unlimitedLinks(3))) {
            for (Setup setup : SETUPS.subList(2, 4)) {
                runChainLightning(bed, setup);
            }
        }
        printMemory();
        out.println();
        out.println("# busiest threads during the 1-flow upload, in cores (client | server)");
        busiestThreads.forEach(out::println);
    }

    private static List<LinkSpec> unlimitedLinks(int n) {
        return Collections.nCopies(n, new LinkSpec(UNLIMITED_MBIT, UNLIMITED_MBIT));
    }

    private void runChainLightning(TestBed bed, Setup setup) throws IOException, InterruptedException {
        Path tunnelDir = dir.resolve(setup.name().replace(' ', '-'));
        try (TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, tunnelDir, "", "", setup.performance(),
                "cipher = \"aes-256-gcm\"")) {
            jvmFlags = jvmFlags(tunnel.process("client").pid());
            measure(setup.name(), bed, new Ends(TunnelOnTestBed.SERVER_TUN_IP, tunnel.process("client"),
                    tunnel.process("server")));
        }
    }

    /** All measurements of one running tunnel; prints its row and keeps its memory and thread figures. */
    private void measure(String name, TestBed bed, Ends ends) throws IOException, InterruptedException {
        long clientPid = ends.client().pid();
        long serverPid = ends.server().pid();
        double clientIdle = megabytes(ProcStats.rssKib(clientPid));
        double serverIdle = megabytes(ProcStats.rssKib(serverPid));
        String tag = name.replace(' ', '-');
        // The JIT compiles the packet path and the link estimates climb to line rate first.
        transfer(bed, ends, tag + "-warmup", WARMUP_SECONDS, false, List.of()).await();

        long clientTicks = CryptoCostBenchmark.cpuTicks(clientPid);
        long serverTicks = CryptoCostBenchmark.cpuTicks(serverPid);
        Map<String, Long> clientThreads = ProcStats.threadTicks(clientPid);
        Map<String, Long> serverThreads = ProcStats.threadTicks(serverPid);
        Iperf.Result up1 = transfer(bed, ends, tag + "-up1", seconds, false, List.of()).await();
        double clientCores = (CryptoCostBenchmark.cpuTicks(clientPid) - clientTicks) / CLOCK_TICKS_PER_SECOND / up1.seconds();
        double serverCores = (CryptoCostBenchmark.cpuTicks(serverPid) - serverTicks) / CLOCK_TICKS_PER_SECOND / up1.seconds();
        double gigabits = up1.receivedMbit() * up1.seconds() / 1000;
        double cpuSecondsPerGigabit = (clientCores + serverCores) * up1.seconds() / gigabits;
        busiestThreads.add(String.format(Locale.ROOT, "%-30s %s | %s", name,
                busiest(clientThreads, ProcStats.threadTicks(clientPid), up1.seconds()),
                busiest(serverThreads, ProcStats.threadTicks(serverPid), up1.seconds())));

        Iperf.Result down1 = transfer(bed, ends, tag + "-down1", seconds, true, List.of()).await();

        AtomicLong clientPeak = new AtomicLong();
        AtomicLong serverPeak = new AtomicLong();
        Iperf.Result up4;
        try (RssSampler sampler = new RssSampler(clientPid, clientPeak, serverPid, serverPeak)) {
            up4 = transfer(bed, ends, tag + "-up4", seconds, false, List.of("-P", "4")).await();
        }
        memory.add(new Memory(name, clientIdle, megabytes(clientPeak.get()), serverIdle, megabytes(serverPeak.get())));

        Iperf.UdpRate udp = Iperf.udpRate(bed, ends.serverTunIp(), dir, tag + "-udp", seconds, UDP_OFFERED_MBIT, UDP_PAYLOAD);

        if (Double.isNaN(openVpnUp1)) { // the first row is OpenVPN's: the yardstick
            openVpnUp1 = up1.receivedMbit();
            openVpnUp4 = up4.receivedMbit();
        }
        out.printf(Locale.ROOT, ROW_FORMAT, name, mbit(up1), mbit(down1), mbit(up4),
                String.format(Locale.ROOT, "%.0f (%.1f%%)", udp.receivedPerSecond(), udp.lostPercent()),
                String.format(Locale.ROOT, "%.1f", cpuSecondsPerGigabit),
                String.format(Locale.ROOT, "%.2f/%.2f", clientCores, serverCores),
                String.format(Locale.ROOT, "%.2f/%.2f", up1.receivedMbit() / openVpnUp1, up4.receivedMbit() / openVpnUp4));
        out.flush();
    }

    private Iperf.Transfer transfer(TestBed bed, Ends ends, String name, int secs, boolean reverse, List<String> extra)
            throws IOException {
        return Iperf.Transfer.start(bed, ends.serverTunIp(), dir, name, secs, reverse, extra);
    }

    private static String mbit(Iperf.Result r) {
        return String.format(Locale.ROOT, "%.0f", r.receivedMbit());
    }

    private static double megabytes(long kib) {
        return kib / 1024.0;
    }

    /** The two threads that used the most CPU between the snapshots, as "name cores". */
    private static String busiest(Map<String, Long> before, Map<String, Long> after, double secs) {
        Map<String, Long> used = new HashMap<>();
        after.forEach((thread, ticks) -> used.put(thread, ticks - before.getOrDefault(thread, 0L)));
        return used.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(2)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey().replaceAll("/\\d+$", ""),
                        e.getValue() / CLOCK_TICKS_PER_SECOND / secs))
                .reduce((a, b) -> a + ", " + b)
                .orElse("-");
    }

    /** The JVM options a tunnel process was started with: its command line up to the class path. */
    private static String jvmFlags(long pid) throws IOException {
        String[] args = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0");
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < args.length && !args[i].equals("-cp") && !args[i].equals("-jar"); i++) {
            flags.add(args[i]);
        }
        return String.join(" ", flags);
    }

    private void printMemory() {
        out.println();
        out.println("# resident memory (VmRSS, MB): idle = after start, load = most seen every 200 ms during the 4-flow run");
        out.printf(Locale.ROOT, "%-30s %12s %12s %12s %12s%n", "tunnel", "client idle", "client load", "server idle",
                "server load");
        for (Memory m : memory) {
            out.printf(Locale.ROOT, "%-30s %12.0f %12.0f %12.0f %12.0f%n", m.tunnel(), m.clientIdle(), m.clientLoad(),
                    m.serverIdle(), m.serverLoad());
        }
        out.println("# ChainLightning JVM flags: " + jvmFlags);
    }

    /** Samples the resident memory of two processes in the background and keeps the highest. */
    private static final class RssSampler implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        RssSampler(long pidA, AtomicLong peakA, long pidB, AtomicLong peakB) {
            thread = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
                while (running.get()) {
                    try {
                        peakA.accumulateAndGet(ProcStats.rssKib(pidA), Math::max);
                        peakB.accumulateAndGet(ProcStats.rssKib(pidB), Math::max);
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException e) {
                        return; // a process ended, or we were stopped: keep what was seen
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join();
        }
    }
}
