package dev.chainlightning.link;

/**
 * Estimated capacity of a link in our sending direction, from the peer's delivery feedback (the
 * bytes it reports received, per interval, against what we sent) and its view of the queue in
 * that direction:
 * <ul>
 *   <li>more goes in than comes out (15% more), or a queue beyond the line's jitter builds, while
 *       we fill at least half the estimate: the link is full; the estimate comes down by a tenth
 *       per interval, but never below what the link delivers;</li>
 *   <li>not full while it delivers 90% of the estimate: it could carry more, so the estimate is
 *       raised by a quarter (probing, the way BBR looks for bandwidth);</li>
 *   <li>little use: nothing is learned; an estimate below the starting value climbs back to it,
 *       so a link once judged slow is tried again.</li>
 * </ul>
 * A configured rate is an upper bound, never a substitute. Receive thread writes; any thread reads.
 */
public final class LinkCapacity {
    /** Where an unconfigured link starts: small enough not to flood a slow line, probing finds more. */
    static final double INITIAL_BPS = 10e6;
    static final double MIN_BPS = 64e3;
    /** A queue longer than this says the link is full (jitter of a few ms is not a queue). */
    public static final long FULL_QUEUE_NANOS = 5_000_000L;
    private static final long MIN_INTERVAL_NANOS = 50_000_000L;
    private static final double PROBE_GAIN = 1.25;
    /**
     * Probe only while the link delivers nearly all of the estimate. A full link whose fullness goes
     * unseen (it neither queues nor drops much) settles where delivery is this share of the
     * estimate: at 0.7 that was 1.43 times its real capacity, and the striper then filled the
     * links it overrated first.
     */
    private static final double PROBE_AT = 0.9;
    private static final double BACK_OFF = 0.9;
    /**
     * A queue counts against the estimate only while we fill at least this share of it: on a link
     * we barely use, a queue is someone else's traffic or the line's jitter, and backing off there
     * would starve the link of the traffic that could show its real capacity.
     */
    private static final double IN_USE = 0.5;
    /** Sending this much more than arrives says the link is full. */
    private static final double OVERSEND = 1.3;

    private final double ceilingBps;
    private volatile double capacityBps;
    private volatile double deliveryBps;
    private volatile double sendBps;
    private final SentHistory sent = new SentHistory();
    private long lastBytes = -1;
    private long lastSentBytes;
    private long lastNanos;

    public LinkCapacity(double configuredMbit) {
        this.ceilingBps = configuredMbit > 0 ? configuredMbit * 1e6 : Double.MAX_VALUE;
        this.capacityBps = configuredMbit > 0 ? ceilingBps : INITIAL_BPS;
    }

    /**
     * The peer reports {@code receivedBytes} on this link in total and {@code queueNanos} of queue
     * in our direction; {@code sentBytes} is what we had sent on it in total when the report came,
     * and {@code roundTripNanos} the link's current round trip (what was sent that long ago is what
     * the report can have seen).
     */
    public void onFeedback(long receivedBytes, long sentBytes, long roundTripNanos, long queueNanos, long nowNanos) {
        sent.record(nowNanos, sentBytes);
        long sentThen = sent.sentAt(nowNanos - Math.max(0, roundTripNanos));
        if (lastBytes < 0 || receivedBytes < lastBytes || sentThen < lastSentBytes) {
            lastBytes = receivedBytes; // first report, or the peer restarted its count
            lastSentBytes = sentThen;
            lastNanos = nowNanos;
            return;
        }
        long elapsed = nowNanos - lastNanos;
        if (elapsed < MIN_INTERVAL_NANOS) {
            return;
        }
        double rate = (receivedBytes - lastBytes) * 8e9 / elapsed;
        double offered = (sentThen - lastSentBytes) * 8e9 / elapsed;
        lastBytes = receivedBytes;
        lastSentBytes = sentThen;
        lastNanos = nowNanos;
        deliveryBps = deliveryBps == 0 ? rate : deliveryBps + (rate - deliveryBps) / 4;
        sendBps = sendBps == 0 ? offered : sendBps + (offered - sendBps) / 4;
        // Full: more goes in than comes out (a queue fills or the bottleneck drops), or the peer sees
        // a queue beyond the line's jitter.
        boolean full = sendBps > OVERSEND * deliveryBps || queueNanos > FULL_QUEUE_NANOS;
        if (full && sendBps >= IN_USE * capacityBps) {
            // Come down towards what it delivers, gently, since feedback lags; never below what it
            // demonstrably delivers.
            capacityBps = clamp(Math.max(deliveryBps, capacityBps * BACK_OFF));
        } else if (!full && deliveryBps > PROBE_AT * capacityBps || capacityBps < INITIAL_BPS) {
            // In use with room to spare it can take more; and an estimate pushed low once must not trap
            // a link in disuse (little traffic, so nothing to learn from): it climbs back meanwhile.
            capacityBps = clamp(capacityBps * PROBE_GAIN);
        }
    }

    private double clamp(double bps) {
        return Math.max(MIN_BPS, Math.min(ceilingBps, bps));
    }

    public double capacityBps() {
        return capacityBps;
    }

    public double deliveryBps() {
        return deliveryBps;
    }
}
