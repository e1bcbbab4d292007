package dev.chainlightning.testbed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line of the link benchmark's table: a scenario, congestion control, number of flows,
 * direction and contender, with what was measured. Added latencies are in ms; {@code stall} is
 * null where no link died.
 */
public record LinkRow(String scenario, String cc, int flows, String direction, String system, double linkSumMbit,
        double goodputMbit, Latency small, Latency large, double pingLostShare, Stalls.Stall stall, double[] linkShares,
        String note) {

    /** Percentiles of the round trip added by the load: under load minus the idle median of the same ping. */
    public record Latency(double p50Ms, double p99Ms) {
    }

    private static final String FORMAT = "%-18s %-5s %5s %-4s %-14s %8s %8s %6s %8s %8s %8s %8s %6s %8s %-12s %s%n";

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, "scenario", "cc", "flows", "dir", "system", "sum Mbit", "goodput",
                "/sum", "+p50", "+p99", "+p50", "+p99", "ping", "stall", "link shares", "note")
                + String.format(Locale.ROOT, FORMAT, "", "", "", "", "", "", "Mbit/s", "", "64 B ms", "64 B ms",
                "1400B ms", "1400B ms", "lost", "ms", "% of bytes", "");
    }

    /** A row that could not be measured: the reason goes in the note. */
    public static LinkRow failed(String scenario, String cc, int flows, String direction, String system, String why) {
        return new LinkRow(scenario, cc, flows, direction, system, Double.NaN, Double.NaN, null, null, Double.NaN, null,
                null, why);
    }

    public String format() {
        return String.format(Locale.ROOT, FORMAT, scenario, cc, flows, direction, system, num("%.1f", linkSumMbit),
                num("%.1f", goodputMbit), num("%.1f%%", 100 * goodputMbit / linkSumMbit),
                small == null ? "-" : num("%.1f", small.p50Ms()), small == null ? "-" : num("%.1f", small.p99Ms()),
                large == null ? "-" : num("%.1f", large.p50Ms()), large == null ? "-" : num("%.1f", large.p99Ms()),
                num("%.1f%%", 100 * pingLostShare), stall == null ? "-" : (stall.open() ? ">" : "") + Math.round(stall.millis()),
                shares(), note == null ? "" : note);
    }

    private String shares() {
        if (linkShares == null) {
            return "-";
        }
        return Arrays.stream(linkShares).mapToObj(s -> Long.toString(Math.round(100 * s))).collect(Collectors.joining("/"));
    }

    private static String num(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
    }
}
