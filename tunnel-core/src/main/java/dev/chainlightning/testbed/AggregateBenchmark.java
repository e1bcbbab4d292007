package dev.chainlightning.testbed;

import dev.chainlightning.testbed.emu.EmulationProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The aggregation benchmark behind {@code bench/aggregate.sh}: on the 3-link test bed (20, 30 and
 * 50 Mbit/s, equal delays), one TCP flow through the tunnel in each direction with BBR and CUBIC,
 * the median of several runs, and the round trip the tunnel adds to an idle ping (50 pings 200 ms
 * apart, after the runs) compared with the same ping over the bare link.
 * Prints a table.
 */
public final class AggregateBenchmark {
    private static final Pattern PING_TIME = Pattern.compile("time=([0-9.]+) ms");
    private static final double LINK_SUM = 100;

    private AggregateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        only = args.length > 2 ? args[2] : "";
        onlyCc = args.length > 3 ? List.of(args[3]) : List.of("bbr", "cubic");
        onlyDirection = args.length > 4 ? args[4] : "";
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("chainlightning-bench-");
        List<LinkSpec> links = List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50));
        out.printf(Locale.ROOT, "%-44s %-9s %-6s %16s %10s %22s%n", "scenario", "direction", "cc", "goodput (median)",
                "/link sum", "added idle RTT (median)");
        try (TestBed bed = TestBed.create(links)) {
            scenario(bed, dir.resolve("rates"), "3 links 20/30/50, equal RTT, rates given", "rates_mbit = [20, 30, 50]",
                    runs, seconds, out);
            scenario(bed, dir.resolve("measured"), "3 links 20/30/50, equal RTT, rates measured", "", runs, seconds, out);
        }
        // Unequal delays need the link emulator (no netem here): one-way 10, 30 and 60 ms each way.
        List<EmulationProfile> delays = List.of(EmulationProfile.fixed(20, 10), EmulationProfile.fixed(30, 30),
                EmulationProfile.fixed(50, 60));
        try (TestBed bed = TestBed.create(links, delays)) {
            scenario(bed, dir.resolve("delays-rates"), "20/30/50, one-way 10/30/60 ms, rates given",
                    "rates_mbit = [20, 30, 50]", runs, seconds, out);
            scenario(bed, dir.resolve("delays-measured"), "20/30/50, one-way 10/30/60 ms, rates measured", "",
                    runs, seconds, out);
        }
    }

    /** Runs only the scenarios whose title contains this (third argument); all when empty. */
    private static String only = "";
    /** Congestion controls to run (fourth argument: bbr or cubic; both when absent). */
    private static List<String> onlyCc = List.of("bbr", "cubic");
    /** Fifth argument: upload or download only; both when absent. */
    private static String onlyDirection = "";

    private static void scenario(TestBed bed, Path dir, String title, String links, int runs, int seconds, PrintStream out)
            throws Exception {
        if (!title.contains(only)) {
            return;
        }
        try (TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir, "", links)) {
            for (String cc : onlyCc) {
                for (boolean reverse : new boolean[] {false, true}) {
                    if (!(reverse ? "download" : "upload").startsWith(onlyDirection)) {
                        continue;
                    }
                    double[] goodput = new double[runs];
                    for (int r = 0; r < runs; r++) {
                        String name = (reverse ? "down-" : "up-") + cc + "-" + r;
                        goodput[r] = Iperf.run(bed, dir, name, seconds, reverse, List.of("-C", cc)).receivedMbit();
                    }
                    double median = median(goodput);
                    // Idle RTT right after the runs: a long-running tunnel is JIT-compiled, a fresh one is not.
                    Thread.sleep(1000);
                    double bare = medianPingMillis(bed, "-I", bed.clientLinkIp(0), bed.serverIp());
                    double tunneled = medianPingMillis(bed, TunnelOnTestBed.SERVER_TUN_IP);
                    out.printf(Locale.ROOT, "%-44s %-9s %-6s %11.1f Mbit %9.1f%% %13.3f ms (%s)%n",
                            title, reverse ? "download" : "upload", cc, median,
                            100 * median / LINK_SUM, tunneled - bare,
                            String.format(Locale.ROOT, "%.3f vs %.3f", tunneled, bare));
                    out.flush();
                }
            }
        }
    }

    /** Median RTT of 25 pings from the client namespace, 200 ms apart: idle, each ping finds the tunnel asleep. */
    private static double medianPingMillis(TestBed bed, String... target) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ping", "-c", "25", "-i", "0.2", "-W", "1"));
        cmd.addAll(Arrays.asList(target));
        CommandResult r = bed.exec(bed.clientNs(), cmd.toArray(String[]::new));
        Matcher m = PING_TIME.matcher(r.stdout());
        List<Double> times = new ArrayList<>();
        while (m.find()) {
            times.add(Double.parseDouble(m.group(1)));
        }
        if (times.size() < 12) {
            throw new IOException("ping failed: " + r.stdout() + r.stderr());
        }
        return median(times.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
