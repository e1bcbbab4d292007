package dev.chainlightning.link;

/**
 * Heartbeat bookkeeping of one link, seen from this side: round-trip time, acknowledged share of
 * heartbeats, and whether the link counts as up. Written by the control thread (heartbeats sent)
 * and the receive thread (acknowledgements); read by the sender and the stats reporter, hence the
 * volatile fields. Each field has a single writer thread.
 */
public final class LinkHealth {
    /** A link is down after this many heartbeat intervals without an acknowledgement. */
    public static final int MISSED_HEARTBEATS_FOR_DOWN = 3;

    private final long downAfterNanos;
    private volatile long lastAckNanos;
    private volatile boolean everAcked;
    private volatile long smoothedRttNanos;
    private volatile long minRttNanos = Long.MAX_VALUE;
    private volatile long heartbeatsSent;
    private volatile long heartbeatsAcked;
    private int nextHeartbeat;

    public LinkHealth(long heartbeatIntervalNanos) {
        this.downAfterNanos = MISSED_HEARTBEATS_FOR_DOWN * heartbeatIntervalNanos;
    }

    /** Control thread: the number to put in the next heartbeat. */
    public int nextHeartbeatNumber() {
        heartbeatsSent++;
        return nextHeartbeat++;
    }

    /** Receive thread: an authenticated acknowledgement of a heartbeat sent at {@code sentNanos} arrived. */
    public void onAck(long sentNanos, long nowNanos) {
        long rtt = nowNanos - sentNanos;
        if (rtt < 0 || rtt > 60_000_000_000L) {
            return; // not one of our clock readings; ignore rather than poison the average
        }
        smoothedRttNanos = everAcked ? smoothedRttNanos + (rtt - smoothedRttNanos) / 8 : rtt;
        if (rtt < minRttNanos) {
            minRttNanos = rtt;
        }
        heartbeatsAcked++;
        lastAckNanos = nowNanos;
        everAcked = true;
    }

    /** Treats the link as just acknowledged, for a link the peer has only just shown us. */
    public void markAlive(long nowNanos) {
        lastAckNanos = nowNanos;
        everAcked = true;
    }

    public LinkState state(long nowNanos) {
        return everAcked && nowNanos - lastAckNanos <= downAfterNanos ? LinkState.UP : LinkState.DOWN;
    }

    public boolean isUp(long nowNanos) {
        return state(nowNanos) == LinkState.UP;
    }

    /**
     * Whether packets queue up on this link: the smoothed round trip exceeds the link's best by
     * more than 3 ms or a quarter of the best, whichever is more (so jitter on a long link is not
     * taken for a queue).
     */
    public boolean isQueueing() {
        long best = minRttNanos;
        return everAcked && best != Long.MAX_VALUE && smoothedRttNanos - best > Math.max(3_000_000L, best / 4);
    }

    public long smoothedRttNanos() {
        return smoothedRttNanos;
    }

    public long minRttNanos() {
        return minRttNanos == Long.MAX_VALUE ? 0 : minRttNanos;
    }

    public long heartbeatsSent() {
        return heartbeatsSent;
    }

    public long heartbeatsAcked() {
        return heartbeatsAcked;
    }
}
