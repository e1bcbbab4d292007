package dev.chainlightning.link;

/**
 * Decides which of a session's up links are degraded: much worse than the best link by round trip
 * or loss. Runs on the control thread; the packet path only reads the result
 * ({@link LinkHealth#isDegraded()}).
 *
 * <p>Each up link with a measured round trip gets a cost,
 * <pre>
 *   cost  = rtt_weight × rtt floor / max(best rtt floor, 100 ms)  +  loss_weight × heartbeat loss in percent / 3
 *   score = cost − the lowest cost of the up links
 * </pre>
 * so the score is how much worse a link is than the best one, in units of the best round trip
 * and of percentage points of loss. The RTT floor is the smallest round trip of the last 5 to 10
 * seconds ({@link LinkHealth#rttFloorNanos()}): the path's own delay, without the queue our own
 * traffic builds, which must not push a busy link out of use and make it flap with the load. The
 * 100 ms floor under the best RTT keeps links tens of ms apart from counting as "three times slower".
 * Loss is the share of heartbeats unanswered over the last 10 s or so
 * ({@link LinkHealth#recentLoss()}); a link without enough heartbeats yet counts with the best
 * known loss, neither better nor worse. The hysteresis on the score is in
 * {@link DegradedHysteresis}. There is always at least one link up that is not degraded while
 * any is up: if grading left none, the lowest-cost one is cleared at once.
 */
public final class LinkGrader {
    /**
     * The best RTT is taken as at least this. Delivery alignment makes bulk traffic wait for the
     * slowest link that is not degraded, and a bond of 20, 60 and 120 ms round trips is the normal
     * case that must use all three; so a link is "much worse" by round trip only when it is 200 ms
     * worse than a fast best link (a geostationary satellite next to fiber), or three times a slow one.
     */
    static final long RTT_SCALE_FLOOR_NANOS = 100_000_000L;

    /**
     * Heartbeat loss counts in units of this many percentage points. FEC and NACKs repair a few
     * percent of line loss, and heartbeats also die in the queues our own traffic fills, so a link
     * is "much worse" by loss only at about 14 points more than the best (at loss_weight 0.3).
     */
    static final double LOSS_SCALE_PERCENT = 3;

    private final double rttWeight;
    private final double lossWeight;

    /** Weights as configured ({@code rtt_weight}, {@code loss_weight}); 0 leaves that measure out. */
    public LinkGrader(double rttWeight, double lossWeight) {
        if (!(rttWeight >= 0) || !(lossWeight >= 0)) {
            throw new IllegalArgumentException("weights must be >= 0");
        }
        this.rttWeight = rttWeight;
        this.lossWeight = lossWeight;
    }

    /**
     * Control thread: grades the links {@code links[0..count)} (null entries are skipped) at
     * {@code nowNanos}. Allocates nothing.
     */
    public void grade(Link[] links, int count, long nowNanos) {
        long bestRtt = Long.MAX_VALUE;
        double bestLoss = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            LinkHealth health = health(links[i]);
            if (health == null) {
                continue;
            }
            if (!health.isUp(nowNanos)) {
                health.grade().interrupt();
                continue;
            }
            health.evaluateLoss(nowNanos);
            if (health.rttFloorNanos() > 0) {
                bestRtt = Math.min(bestRtt, health.rttFloorNanos());
            }
            if (health.isLossKnown()) {
                bestLoss = Math.min(bestLoss, health.recentLoss());
            }
        }
        if (bestRtt == Long.MAX_VALUE) {
            return; // no up link has a round trip yet: nothing to compare
        }
        double rttScale = Math.max(bestRtt, RTT_SCALE_FLOOR_NANOS);
        double neutralLoss = bestLoss == Double.MAX_VALUE ? 0 : bestLoss;
        double lowestCost = Double.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            LinkHealth health = graded(links[i], nowNanos);
            if (health != null) {
                lowestCost = Math.min(lowestCost, cost(health, rttScale, neutralLoss));
            }
        }
        boolean anyUndegraded = false;
        LinkHealth best = null;
        for (int i = 0; i < count; i++) {
            LinkHealth health = health(links[i]);
            if (health == null || !health.isUp(nowNanos)) {
                continue;
            }
            if (health.rttFloorNanos() > 0) {
                double cost = cost(health, rttScale, neutralLoss);
                health.onScore(cost - lowestCost, nowNanos);
                if (best == null && cost == lowestCost) {
                    best = health;
                }
            }
            anyUndegraded |= !health.isDegraded();
        }
        if (!anyUndegraded && best != null) {
            best.grade().clear(); // the best there is cannot be worse than the best
        }
    }

    private double cost(LinkHealth health, double rttScale, double neutralLoss) {
        double loss = health.isLossKnown() ? health.recentLoss() : neutralLoss;
        return rttWeight * health.rttFloorNanos() / rttScale + lossWeight * loss * 100 / LOSS_SCALE_PERCENT;
    }

    private static LinkHealth health(Link link) {
        return link == null || link.remote() == null ? null : link.health();
    }

    /** The link's health if it is up and has a round trip to grade by, else null. */
    private static LinkHealth graded(Link link, long nowNanos) {
        LinkHealth health = health(link);
        return health != null && health.isUp(nowNanos) && health.rttFloorNanos() > 0 ? health : null;
    }
}
