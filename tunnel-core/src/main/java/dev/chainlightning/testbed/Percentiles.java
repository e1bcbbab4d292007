package dev.chainlightning.testbed;

import java.util.Arrays;

/**
 * Nearest-rank percentiles: the reported value is always one that was measured, never an
 * interpolation between two samples (so a p99 of 400 pings is the 4th largest, not a blend).
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The p-th percentile (0 < p <= 100) of values by nearest rank; NaN when there are none. */
    public static double of(double[] values, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public static double median(double[] values) {
        return of(values, 50);
    }
}
