package dev.chainlightning.testbed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The link benchmark of issue 4, behind {@code bench/links.sh}: for each scenario (equal links,
 * unequal rates, unequal delays, 2% loss on one link, a link dying, a starlink+adsl+lte mix), one
 * and eight TCP flows, upload and download, through the tunnel and then, on the same test bed,
 * over kernel MPTCP. Each row: goodput, its share of the link sum, the p50 and p99 round trip the
 * load adds to small and to 1400-byte pings, and, where a link dies, the receiver's longest stall.
 * See docs/BENCHMARKS.md for how each column is measured.
 *
 * <p>Arguments: seconds per row (default 10), only scenarios whose name contains TEXT (default
 * all), congestion controls (default {@code bbr,cubic}).
 */
public final class LinkBenchmark {

    private static final int[] FLOWS = {1, 8};
    private static final int WARM_UP_S = 2;

    private LinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String only = args.length > 1 ? args[1] : "";
        List<String> ccs = List.of((args.length > 2 ? args[2] : "bbr,cubic").split(","));
        systems = List.of((args.length > 3 ? args[3] : "chainlightning,mptcp").split(","));
        if (seconds < 4) {
            throw new IllegalArgumentException("need at least 4 s per row (2 s of ramp-up are not sampled)");
        }
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("chainlightning-links-");
        out.print(LinkRow.header());
        for (LinkScenario scenario : LinkScenario.all()) {
            if (scenario.matches(only)) {
                runScenario(scenario, dir.resolve(scenario.name().replaceAll("\\W+", "-")), seconds, ccs, out);
            }
        }
        System.err.println("logs in " + dir);
    }

    /** Which systems to run (fourth argument): chainlightning, mptcp, or both. */
    private static List<String> systems = List.of("chainlightning", "mptcp");

    private static void runScenario(LinkScenario scenario, Path dir, int seconds, List<String> ccs, PrintStream out)
            throws IOException, InterruptedException {
        try (TestBed bed = TestBed.create(scenario.links(), scenario.emulation())) {
            if (scenario.lossLink() >= 0) {
                bed.setLoss(scenario.lossLink(), scenario.lossPercent());
            }
            if (systems.contains("chainlightning")) {
                runTunnel(bed, scenario, dir, seconds, ccs, out);
            }
            if (systems.contains("mptcp")) {
                runMptcp(bed, scenario, dir, seconds, ccs, out);
            }
        }
    }

    private static void runTunnel(TestBed bed, LinkScenario scenario, Path dir, int seconds, List<String> ccs,
            PrintStream out) throws IOException, InterruptedException {
        // No rates_mbit: the tunnel as a user starts it, measuring its links' capacity itself.
        try (TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir.resolve("tunnel"), "", "")) {
            // A fresh tunnel is not JIT-compiled yet; the first row would pay for that.
            TcpLoad.start(bed, dir, "warm-up", Contender.tunnel(), WARM_UP_S, 1, false, "bbr").await();
            rows(new LinkMeasurement(bed, scenario, Contender.tunnel(), dir, seconds), scenario, "chainlightning", ccs, out);
        }
    }

    private static void runMptcp(TestBed bed, LinkScenario scenario, Path dir, int seconds, List<String> ccs,
            PrintStream out) throws IOException, InterruptedException {
        if (!Mptcp.available()) {
            out.print(LinkRow.failed(scenario.name(), "-", 0, "-", "mptcp", "mptcpize missing: run bin/install-deps").format());
            return;
        }
        Mptcp.enable(bed);
        rows(new LinkMeasurement(bed, scenario, Contender.mptcp(bed), dir, seconds), scenario, "mptcp", ccs, out);
    }

    private static void rows(LinkMeasurement measurement, LinkScenario scenario, String system, List<String> ccs,
            PrintStream out) throws InterruptedException {
        for (String cc : ccs) {
            for (int flows : FLOWS) {
                for (boolean reverse : new boolean[] {false, true}) {
                    LinkRow row;
                    try {
                        row = measurement.run(cc, flows, reverse);
                    } catch (IOException e) {
                        // One failed row (an iperf3 error, a ping that got nothing) should not end the run.
                        row = LinkRow.failed(scenario.name(), cc, flows, reverse ? "down" : "up", system,
                                "failed: " + e.getMessage().lines().findFirst().orElse(""));
                    }
                    out.print(row.format());
                    out.flush();
                    Thread.sleep(1000); // queues drain before the next idle baseline
                }
            }
        }
    }
}
