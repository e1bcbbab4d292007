package dev.chainlightning.link;

/**
 * Whether one link is degraded, from its score (how much worse it is than the best link, see
 * {@link LinkGrader}) with hysteresis so it does not flap: it becomes degraded as soon as the score
 * reaches {@link #ENTER_SCORE}, and is up again only after the score has stayed below the much
 * lower {@link #EXIT_SCORE} for {@link #HOLD_NANOS} without a break. Between the two it keeps
 * whatever it was. Control thread writes; any thread reads {@link #isDegraded()}.
 */
final class DegradedHysteresis {
    /**
     * A score of 1.4 is, at the default weights (rtt 0.7, loss 0.3), a round trip of three times
     * the best link's and at least 200 ms more, or about 14 percentage points more heartbeat loss.
     */
    static final double ENTER_SCORE = 1.4;
    /** Half of it: a round trip under twice the best or under 100 ms more, or about 7 points more loss. */
    static final double EXIT_SCORE = 0.7;
    /** How long a degraded link must stay good before it gets its full share again. */
    static final long HOLD_NANOS = 5_000_000_000L;

    private volatile boolean degraded;
    private boolean holding;
    private long goodSinceNanos;

    void update(double score, long nowNanos) {
        if (score >= ENTER_SCORE) {
            degraded = true;
            holding = false;
        } else if (!degraded) {
            return;
        } else if (score >= EXIT_SCORE) {
            holding = false; // inside the band: stays degraded and the hold starts over
        } else if (!holding) {
            holding = true;
            goodSinceNanos = nowNanos;
        } else if (nowNanos - goodSinceNanos >= HOLD_NANOS) {
            degraded = false;
            holding = false;
        }
    }

    /** The link is the best there is: it cannot be worse than the best, whatever its history. */
    void clear() {
        degraded = false;
        holding = false;
    }

    /** The link went down: a hold in progress does not survive the outage. */
    void interrupt() {
        holding = false;
    }

    boolean isDegraded() {
        return degraded;
    }
}
