package dev.chainlightning.link;

/**
 * Queueing delay in the direction towards this side, from one-way delays: each heartbeat carries
 * the sender's clock; receive time minus that is the one-way delay plus an unknown but constant
 * clock offset. Its minimum is the empty-queue delay, so the excess over the minimum is queueing,
 * with no synchronised clocks. The minimum is renewed over a window so clock drift and route
 * changes do not pin it forever. The same clock values also tell how often the peer sends
 * heartbeats ({@link PeerHeartbeatPace}). Receive thread writes; any thread reads.
 */
public final class OneWayDelay {
    private static final long WINDOW_NANOS = 10_000_000_000L;

    private long minimum = Long.MAX_VALUE;
    private long nextMinimum = Long.MAX_VALUE;
    private long windowStart;
    private volatile long smoothedExcessNanos;
    private volatile long variationNanos;
    private long lastExcess;
    private volatile boolean started;
    private volatile long minimumSeen;
    private final PeerHeartbeatPace peerPace;

    OneWayDelay(PeerHeartbeatPace peerPace) {
        this.peerPace = peerPace;
    }

    /** A heartbeat the peer sent at {@code peerSentNanos} (its clock) arrived at {@code nowNanos} (ours). */
    public void onArrival(long peerSentNanos, long nowNanos) {
        peerPace.onHeartbeat(peerSentNanos);
        long raw = nowNanos - peerSentNanos;
        if (!started || nowNanos - windowStart > WINDOW_NANOS) {
            minimum = Math.min(nextMinimum, raw);
            nextMinimum = raw;
            windowStart = nowNanos;
            started = true;
        }
        minimum = Math.min(minimum, raw);
        nextMinimum = Math.min(nextMinimum, raw);
        minimumSeen = minimum;
        long excess = raw - minimum;
        smoothedExcessNanos += (excess - smoothedExcessNanos) / 4;
        variationNanos += (Math.abs(excess - lastExcess) - variationNanos) / 4;
        lastExcess = excess;
    }

    /**
     * The current one-way delay towards this side plus the fixed clock offset between the two
     * ends: meaningless alone, but comparable between links to the same peer (same two clocks),
     * which is what the delay spread between links needs. Long.MIN_VALUE before any heartbeat.
     */
    public long offsetDelayNanos() {
        return started ? minimumSeen + smoothedExcessNanos : Long.MIN_VALUE;
    }

    /**
     * As {@link #offsetDelayNanos} but without the current queue: the path's own delay (plus the
     * clock offset). Long.MIN_VALUE before any heartbeat.
     */
    public long baseOffsetDelayNanos() {
        return started ? minimumSeen : Long.MIN_VALUE;
    }

    /** Smoothed queueing delay towards this side. */
    public long queueNanos() {
        return smoothedExcessNanos;
    }

    /**
     * The queue beyond what the line's own jitter explains (three times the smoothed delay
     * variation): what the peer is told, so that a jittery but idle link (LTE, Starlink) is not
     * taken for full. Three, not two: the excess is measured over the window's minimum, which
     * jitter alone puts about three standard deviations below the mean, while the variation
     * between consecutive heartbeats is about one; at two, an idle Starlink-like line (8 ms of
     * jitter) reported 5-10 ms of queue, and its sender took that for a full link.
     */
    public long queueBeyondJitterNanos() {
        return Math.max(0, smoothedExcessNanos - 3 * variationNanos);
    }

    /** Smoothed change of the one-way delay from one heartbeat to the next (jitter). */
    public long variationNanos() {
        return variationNanos;
    }
}
