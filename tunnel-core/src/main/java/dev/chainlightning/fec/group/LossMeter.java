package dev.chainlightning.fec.group;

/**
 * Measures the share of data packets that do not arrive: the receive thread notes each arrival,
 * the control thread turns the counts into a smoothed loss figure once per heartbeat interval,
 * which the heartbeats carry to the sender for its adaptive FEC.
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

    /** Control thread: the smoothed loss in millionths, updated with what arrived since the last call. */
    public int sampleLossPpm() {
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
            double sample = Math.max(0, Math.min(1, 1 - (double) (got - lastArrivals) / expected));
            loss += SMOOTHING * (sample - loss);
            lastHighest = top;
            lastArrivals = got;
        }
        return (int) Math.round(loss * 1e6);
    }
}
