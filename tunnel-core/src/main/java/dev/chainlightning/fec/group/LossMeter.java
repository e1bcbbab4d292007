package dev.chainlightning.fec.group;

/**
 * Measures the share of data packets that the links lose, once per heartbeat interval on the
 * control thread, from the receive side's counters: packets the reorder buffer gave up for lost,
 * plus packets FEC rebuilt, less the rebuilt ones whose original turned up after all (a late or
 * second copy). Packets merely late on a slow link are not loss, which matters with links of
 * different delays: counting gaps on arrival would take every far-link packet for lost.
 * The figure steers the other end's adaptive FEC.
 *
 * <p>Loss while the links' queues are filling is congestion: the sender pushes more than the links
 * carry, and parity would only add to it. Such intervals count as loss-free, so the figure (and
 * the parity) reflects the loss of the lines themselves: radio, noise, handovers.
 */
public final class LossMeter {
    /** Fewer delivered packets than this in an interval say too little to update the figure. */
    private static final int MIN_SAMPLE = 50;
    private static final double SMOOTHING = 0.3;

    private long lastDelivered;
    private long lastMissing;
    private boolean sampling;
    private double loss;

    /**
     * Control thread: the smoothed loss in millionths, given the running totals of packets
     * delivered and of packets the links lost; {@code congested} says the links' queues are
     * building up (see the class comment).
     */
    public int sampleLossPpm(long delivered, long missing, boolean congested) {
        if (!sampling || delivered < lastDelivered) {
            sampling = true;
            lastDelivered = delivered;
            lastMissing = missing;
            return (int) Math.round(loss * 1e6);
        }
        long total = delivered - lastDelivered;
        if (total >= MIN_SAMPLE) {
            double sample = congested ? 0 : Math.max(0, Math.min(1, (double) (missing - lastMissing) / total));
            loss += SMOOTHING * (sample - loss);
            lastDelivered = delivered;
            lastMissing = missing;
        }
        return (int) Math.round(loss * 1e6);
    }
}
