package dev.chainlightning.fec.group;

/**
 * Measures the share of data packets that do not arrive: the receive thread notes each arrival,
 * the control thread turns the counts into a smoothed loss figure once per heartbeat interval,
 * which the heartbeats carry to the sender for its adaptive FEC.
 *
 * <p>Loss while the links' queues are filling is congestion: the sender pushes more than the links
 * carry, and parity would only add to it. Such intervals count as loss-free, so the figure (and
 * the parity) reflects the loss of the lines themselves: radio, noise, handovers.
 */
public final class LossMeter {
    /** Fewer expected packets than this in an interval say too little to update the figure. */
    private static final int MIN_SAMPLE = 50;
    private static final double SMOOTHING = 0.3;

    private volatile int highest;
    private volatile long arrivals;
    private boolean started;

    private int lastHighest;
    private long lastArrivals;
    private boolean sampling;
    private double loss;

    /** Receive thread: a data packet with {@code sequence} arrived over a link (not rebuilt). */
    public void onArrival(int sequence) {
        if (!started || sequence - highest > 0) {
            highest = sequence;
            started = true;
        }
        arrivals++;
    }

    /**
     * Control thread: the smoothed loss in millionths, updated with what arrived since the last
     * call; {@code congested} says the links' queues are building up (see the class comment).
     */
    public int sampleLossPpm(boolean congested) {
        int top = highest;
        long got = arrivals;
        if (!sampling) {
            sampling = true;
            lastHighest = top;
            lastArrivals = got;
            return 0;
        }
        long expected = top - lastHighest;
        if (expected >= MIN_SAMPLE) {
            double sample = congested ? 0 : Math.max(0, Math.min(1, 1 - (double) (got - lastArrivals) / expected));
            loss += SMOOTHING * (sample - loss);
            lastHighest = top;
            lastArrivals = got;
        }
        return (int) Math.round(loss * 1e6);
    }
}
