package dev.chainlightning.testbed;

import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the {@link DatagramMutator} mix at a server, at a bounded rate, and prints what it sent per
 * kind ({@link FuzzTally}). Run as its own process inside a test-bed namespace:
 *
 * <pre>
 * DatagramFuzzer --server 10.20.0.2 --ports 9001-9005 --pcap capture.pcap \
 *                [--count 100000] [--rate 20000] [--seed 1]
 * </pre>
 *
 * Only captured packets sent to one of {@code --ports} are used. The rate bound keeps the server's
 * socket buffers from overflowing, so every datagram reaches the tunnel's receiver and must show
 * up in its drop counters; what the kernel drops anyway is visible in the server namespace's
 * {@code Udp RcvbufErrors}.
 */
public final class DatagramFuzzer {
    /** Granularity of the pacing: the sender sleeps when it is this far ahead of the rate. */
    private static final long PACING_SLEEP_NANOS = 200_000;

    private DatagramFuzzer() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = options(args);
        InetAddress server = InetAddress.getByName(required(opts, "server"));
        int[] ports = ports(required(opts, "ports"));
        long count = Long.parseLong(opts.getOrDefault("count", "100000"));
        long rate = Long.parseLong(opts.getOrDefault("rate", "20000"));
        long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
        List<UdpDatagram> captured = toPorts(PcapFile.readUdp(Path.of(required(opts, "pcap"))), ports);
        System.out.println("fuzz captured " + captured.size() + " packets, sending " + count + " at " + rate + "/s, seed " + seed);
        System.out.print(send(new DatagramMutator(seed, captured, ports), server, ports, count, rate).format());
    }

    static FuzzTally send(DatagramMutator mix, InetAddress server, int[] ports, long count, long rate) throws IOException {
        Map<Integer, InetSocketAddress> targets = new HashMap<>();
        for (int port : ports) {
            targets.put(port, new InetSocketAddress(server, port));
        }
        Map<FuzzKind, Long> sent = new EnumMap<>(FuzzKind.class);
        long errors = 0;
        // Nothing reads this socket: the server's answers to replayed heartbeats just fill and overflow it.
        try (DatagramChannel channel = DatagramChannel.open()) {
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                pace(start, i, rate);
                FuzzDatagram d = mix.next();
                try {
                    channel.send(ByteBuffer.wrap(d.bytes()), targets.get(d.port()));
                    sent.merge(d.kind(), 1L, Long::sum);
                } catch (IOException e) {
                    errors++; // e.g. ENOBUFS: not sent, so not expected in the server's counters
                }
            }
            return new FuzzTally(sent, errors, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Waits until datagram i is due at {@code rate} per second. */
    private static void pace(long start, long i, long rate) {
        long due = start + i * 1_000_000_000L / rate;
        while (System.nanoTime() < due - PACING_SLEEP_NANOS) {
            LockSupport.parkNanos(PACING_SLEEP_NANOS);
        }
    }

    private static List<UdpDatagram> toPorts(List<UdpDatagram> captured, int[] ports) {
        List<UdpDatagram> kept = new ArrayList<>();
        for (UdpDatagram d : captured) {
            if (d.payload().length >= DatagramMutator.MIN_OVERSIZED) {
                continue; // a UDP GSO batch, captured before the kernel cut it into the datagrams that went out
            }
            for (int port : ports) {
                if (d.dstPort() == port) {
                    kept.add(d);
                }
            }
        }
        return kept;
    }

    /** "9001-9005" or "9001,9003". */
    static int[] ports(String spec) {
        List<Integer> ports = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            int first = Integer.parseInt(range[0]);
            int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
            for (int p = first; p <= last; p++) {
                ports.add(p);
            }
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }

    static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
