package dev.chainlightning.link;

/**
 * How often the peer sends heartbeats on a link, from the clock values they carry (the peer's
 * clock, so network jitter does not enter): the shortest of the last few spacings, so a lost
 * heartbeat (a doubled spacing) does not count. Receive thread writes; any thread reads.
 */
final class PeerHeartbeatPace {
    private static final int SPACINGS = 4;

    private final long[] spacings = new long[SPACINGS];
    private int next;
    private long lastSentNanos;
    private boolean started;
    private volatile long intervalNanos;

    void onHeartbeat(long peerSentNanos) {
        long spacing = peerSentNanos - lastSentNanos;
        boolean follows = started && spacing > 0;
        lastSentNanos = peerSentNanos;
        started = true;
        if (!follows) {
            return; // the first, or one overtaken on the way (or the peer restarted with a new clock)
        }
        spacings[next] = spacing;
        next = (next + 1) % SPACINGS;
        long shortest = Long.MAX_VALUE;
        for (long s : spacings) {
            if (s > 0) {
                shortest = Math.min(shortest, s);
            }
        }
        intervalNanos = shortest;
    }

    /** The peer's heartbeat interval on this link, or 0 while unknown. */
    long intervalNanos() {
        return intervalNanos;
    }
}
