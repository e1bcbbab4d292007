package dev.chainlightning.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FEC benchmark behind {@code bench/fec-loss.sh}, on the 3-link test bed (20, 30 and
 * 50 Mbit/s) with the same random loss on every link (nftables {@code numgen random}):
 * <ol>
 *   <li>a constant 20 Mbit/s UDP stream: the loss inside the tunnel for FEC off, fixed and adaptive,
 *       and the parity overhead (parity packets per data packet);</li>
 *   <li>one TCP flow (CUBIC, the default of most systems, which reads loss as congestion):
 *       goodput with and without FEC, with and without loss.</li>
 * </ol>
 * Arguments: seconds per run (default 8), and {@code udp}, {@code tcp} or {@code all} (default).
 */
public final class FecBenchmark {
    private record Mode(String name, String config) {
    }

    private static final List<Mode> MODES = List.of(
            new Mode("off", "fec_repair_packets = 0"),
            new Mode("fixed 10+3", "fec_mode = \"fixed\"\nfec_repair_packets = 3"),
            new Mode("adaptive 10+<=3", "fec_mode = \"adaptive\"\nfec_repair_packets = 3"),
            new Mode("adaptive 10+<=6", "fec_mode = \"adaptive\"\nfec_repair_packets = 6"));

    private FecBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String which = args.length > 1 ? args[1] : "all";
        Path dir = Files.createTempDirectory("chainlightning-fec-bench-");
        List<LinkSpec> links = List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50));
        try (TestBed bed = TestBed.create(links)) {
            if (!which.equals("tcp")) {
                System.out.printf(Locale.ROOT, "%-16s %10s %12s %12s %16s%n", "FEC", "outer loss", "inner loss", "rebuilt", "parity/data");
                for (double loss : new double[] {1, 3, 10}) {
                    for (Mode mode : MODES) {
                        udpRow(bed, dir, mode, loss, seconds);
                    }
                }
                System.out.println();
            }
            if (which.equals("udp")) {
                return;
            }
            System.out.printf(Locale.ROOT, "%-16s %10s %22s %22s%n", "FEC", "outer loss", "TCP cubic up (Mbit/s)", "TCP cubic down (Mbit/s)");
            for (double loss : new double[] {0, 1, 3}) {
                for (Mode mode : List.of(MODES.get(0), MODES.get(1), MODES.get(2))) {
                    tcpRow(bed, dir, mode, loss, seconds);
                }
            }
        }
    }

    private static void setLoss(TestBed bed, double percent) throws Exception {
        for (int i = 0; i < bed.linkCount(); i++) {
            bed.setLoss(i, percent);
        }
    }

    private static TunnelOnTestBed start(TestBed bed, Path dir, Mode mode, String name) throws Exception {
        setLoss(bed, 0);
        TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir.resolve(name), "", "rates_mbit = [20, 30, 50]", mode.config());
        Iperf.udp(bed, dir, name + "-warmup", 2, 10); // JIT-compile the packet path before measuring
        return tunnel;
    }

    private static void udpRow(TestBed bed, Path dir, Mode mode, double loss, int seconds) throws Exception {
        String name = "udp-" + mode.name().replaceAll("\\W", "") + "-" + (int) loss;
        try (TunnelOnTestBed tunnel = start(bed, dir, mode, name)) {
            setLoss(bed, loss);
            Iperf.udp(bed, dir, name + "-settle", 2, 20); // adaptive mode learns the loss first
            Map<String, Long> fecBefore = latest(tunnel, "client");
            Map<String, Long> serverBefore = tunnel.fecCounters("server");
            Iperf.UdpResult result = Iperf.udp(bed, dir, name, seconds, 20);
            Thread.sleep(1200); // the next statistics line
            Map<String, Long> fecAfter = latest(tunnel, "client");
            long parity = fecAfter.get("parity_sent") - fecBefore.get("parity_sent");
            long data = fecAfter.get("tun_in") - fecBefore.get("tun_in");
            long rebuilt = tunnel.fecCounters("server").getOrDefault("recovered", 0L) - serverBefore.getOrDefault("recovered", 0L);
            System.out.printf(Locale.ROOT, "%-16s %9.1f%% %11.3f%% %12d %15.1f%%%n", mode.name(), loss, result.lostPercent(),
                    rebuilt, data == 0 ? 0 : 100.0 * parity / data);
        }
    }

    private static void tcpRow(TestBed bed, Path dir, Mode mode, double loss, int seconds) throws Exception {
        String name = "tcp-" + mode.name().replaceAll("\\W", "") + "-" + (int) loss;
        try (TunnelOnTestBed tunnel = start(bed, dir, mode, name)) {
            setLoss(bed, loss);
            double up = Iperf.run(bed, dir, name + "-up", seconds, false, List.of("-C", "cubic")).receivedMbit();
            double down = Iperf.run(bed, dir, name + "-down", seconds, true, List.of("-C", "cubic")).receivedMbit();
            System.out.printf(Locale.ROOT, "%-16s %9.1f%% %22.1f %22.1f%n", mode.name(), loss, up, down);
        }
    }

    /** The client's tunnel and FEC counters from its latest statistics lines. */
    private static Map<String, Long> latest(TunnelOnTestBed tunnel, String role) {
        Map<String, Long> counters = new java.util.HashMap<>(tunnel.tunnelCounters(role));
        counters.putAll(tunnel.fecCounters(role));
        return counters;
    }
}
