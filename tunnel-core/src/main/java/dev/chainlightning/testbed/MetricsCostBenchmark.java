package dev.chainlightning.testbed;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the metrics cost, behind {@code bench/metrics-cost.sh}: the same flow as
 * {@link CryptoCostBenchmark} (one unlimited link, one TCP upload, AES-256-GCM) with the metrics
 * endpoint off, and on while both ends are scraped every second, alternating, several runs each.
 * Prints each run and the medians: goodput and CPU nanoseconds per byte of both ends together.
 */
public final class MetricsCostBenchmark {
    private MetricsCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("chainlightning-metrics-cost-");
        List<double[]> off = new ArrayList<>();
        List<double[]> on = new ArrayList<>();
        out.printf(Locale.ROOT, "%-28s %12s %16s%n", "metrics", "goodput", "CPU ns per byte");
        try (TestBed bed = TestBed.create(List.of(new LinkSpec(10_000, 10_000)))) {
            for (int run = 0; run < runs; run++) {
                off.add(measure(bed, dir.resolve("off-" + run), false, seconds, out));
                on.add(measure(bed, dir.resolve("on-" + run), true, seconds, out));
            }
        }
        out.printf(Locale.ROOT, "median, off: %.0f Mbit/s, %.1f ns/byte; on and scraped: %.0f Mbit/s, %.1f ns/byte%n",
                median(off, 0), median(off, 1), median(on, 0), median(on, 1));
    }

    /** One flow; returns {goodput Mbit/s, CPU ns per byte}. */
    private static double[] measure(TestBed bed, Path dir, boolean metrics, int seconds, PrintStream out) throws Exception {
        String listen = "listen = \"" + (metrics ? "127.0.0.1:9100" : "off") + "\"";
        try (TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir, "", "", "", "cipher = \"aes-256-gcm\"", listen)) {
            Iperf.run(bed, dir, "warmup", 3, false);
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            if (metrics) {
                scraper.scheduleAtFixedRate(() -> {
                    try {
                        bed.exec(bed.clientNs(), "curl", "-s", "-o", "/dev/null", "http://127.0.0.1:9100/metrics");
                        bed.exec(bed.serverNs(), "curl", "-s", "-o", "/dev/null", "http://127.0.0.1:9100/metrics");
                    } catch (java.io.IOException e) {
                        // a missed scrape only makes the figure kinder to the metrics; the run goes on
                    }
                }, 0, 1, TimeUnit.SECONDS);
            }
            long clientBefore = CryptoCostBenchmark.cpuTicks(tunnel.process("client").pid());
            long serverBefore = CryptoCostBenchmark.cpuTicks(tunnel.process("server").pid());
            Iperf.Result result = Iperf.run(bed, dir, "flow", seconds, false);
            long ticks = CryptoCostBenchmark.cpuTicks(tunnel.process("client").pid()) - clientBefore
                    + CryptoCostBenchmark.cpuTicks(tunnel.process("server").pid()) - serverBefore;
            scraper.shutdownNow();
            double nanosPerByte = ticks * 1e7 / (result.receivedMbit() * 1e6 / 8 * result.seconds());
            out.printf(Locale.ROOT, "%-28s %7.0f Mbit/s %16.1f%n", metrics ? "on, scraped every second" : "off",
                    result.receivedMbit(), nanosPerByte);
            return new double[] {result.receivedMbit(), nanosPerByte};
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
