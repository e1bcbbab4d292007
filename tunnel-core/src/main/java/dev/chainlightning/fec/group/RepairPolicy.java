package dev.chainlightning.fec.group;

/**
 * How many parity packets a group gets. Fixed mode always sends the configured number. Adaptive
 * mode sends the fewest (up to that number) that make losing more packets than parity can rebuild
 * unlikely at the loss the receiver reports: the smallest m with P(Binomial(k + m, p) > m) below
 * {@link #TARGET_FAILURE}, and none at all when the receiver sees no loss.
 */
public final class RepairPolicy {
    /** Accepted chance that a group loses more than its parity can rebuild. */
    static final double TARGET_FAILURE = 1e-3;

    private final int maxRepair;
    private final boolean adaptive;
    /** Answers cached per group size for the current loss figure: the policy runs once per group. */
    private final int[] cached;
    private int cachedLossPpm = -1;

    public RepairPolicy(int maxRepair, boolean adaptive, int maxGroupSize) {
        this.maxRepair = maxRepair;
        this.adaptive = adaptive;
        this.cached = new int[maxGroupSize + 1];
    }

    /** Parity packets for a group of {@code dataCount} packets when the receiver reports {@code lossPpm}. */
    public int repairFor(int dataCount, int lossPpm) {
        if (!adaptive || maxRepair == 0) {
            return maxRepair;
        }
        if (lossPpm != cachedLossPpm) {
            java.util.Arrays.fill(cached, -1);
            cachedLossPpm = lossPpm;
        }
        if (cached[dataCount] < 0) {
            cached[dataCount] = compute(dataCount, lossPpm / 1e6, maxRepair);
        }
        return cached[dataCount];
    }

    static int compute(int k, double p, int max) {
        if (p <= 0) {
            return 0;
        }
        if (p >= 0.5) {
            return max; // the link is mostly gone; the binomial model says nothing useful here
        }
        for (int m = 1; m < max; m++) {
            if (tailAbove(k + m, m, p) < TARGET_FAILURE) {
                return m;
            }
        }
        return max;
    }

    /** P(X > m) for X ~ Binomial(n, p). */
    static double tailAbove(int n, int m, double p) {
        double atMost = 0;
        double term = Math.pow(1 - p, n); // P(X = 0)
        for (int i = 0; i <= m; i++) {
            atMost += term;
            term = term * (n - i) / (i + 1) * p / (1 - p);
        }
        return Math.max(0, 1 - atMost);
    }
}
