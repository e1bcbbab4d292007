package dev.chainlightning.testbed;

import dev.chainlightning.crypto.noise.X25519PublicKey;
import dev.chainlightning.handshake.HandshakeMacs;
import dev.chainlightning.wire.HandshakePackets;
import dev.chainlightning.wire.PacketType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * A flood of handshake initiations by an attacker who knows the server's public key (it is in
 * every client's config): each one passes mac1, the server's first check, and would cost the
 * server its Diffie-Hellman work if nothing else stopped it. Random otherwise, so Noise would
 * refuse them. Run as its own process in a test-bed namespace:
 *
 * <pre>
 * InitiationFlood --server 10.20.0.2 --ports 9001-9005 --server-key BASE64 [--rate 20000] [--seconds 10]
 * </pre>
 *
 * Prints {@code flood sent N}.
 */
public final class InitiationFlood {
    private InitiationFlood() {
    }

    public static void main(String[] args) throws IOException {
        java.util.Map<String, String> opts = DatagramFuzzer.options(args);
        InetAddress server = InetAddress.getByName(DatagramFuzzer.required(opts, "server"));
        int[] ports = DatagramFuzzer.ports(DatagramFuzzer.required(opts, "ports"));
        HandshakeMacs macs = new HandshakeMacs(X25519PublicKey.parse(DatagramFuzzer.required(opts, "server-key")).bytes());
        long rate = Long.parseLong(opts.getOrDefault("rate", "20000"));
        long seconds = Long.parseLong(opts.getOrDefault("seconds", "10"));
        Random random = new Random(1);
        byte[] packet = new byte[HandshakePackets.INITIATION_LENGTH];
        long count = rate * seconds;
        long sent = 0;
        try (DatagramChannel channel = DatagramChannel.open()) {
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                random.nextBytes(packet);
                packet[HandshakePackets.TYPE_OFFSET] = PacketType.HANDSHAKE_INITIATION;
                packet[HandshakePackets.LINK_OFFSET] = (byte) (i % ports.length);
                packet[HandshakePackets.ZERO_OFFSET] = 0;
                packet[HandshakePackets.ZERO_OFFSET + 1] = 0;
                System.arraycopy(macs.mac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET), 0, packet,
                        HandshakePackets.INITIATION_MAC1_OFFSET, HandshakeMacs.LENGTH);
                channel.send(ByteBuffer.wrap(packet), new InetSocketAddress(server, ports[(int) (i % ports.length)]));
                sent++;
                long due = start + i * 1_000_000_000L / rate;
                long ahead = due - System.nanoTime();
                if (ahead > 200_000) {
                    LockSupport.parkNanos(ahead);
                }
            }
        }
        System.out.println("flood sent " + sent);
    }
}
