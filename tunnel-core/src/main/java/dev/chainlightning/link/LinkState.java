package dev.chainlightning.link;

/** Whether a link may carry data, and how readily. */
public enum LinkState {
    /** Heartbeats are answered and the link is about as good as the best: it carries its full share. */
    UP,
    /**
     * Heartbeats are answered but the link is much worse than the best one by round trip or loss
     * (see {@link LinkGrader}): it should carry data only when the better links are full.
     */
    DEGRADED,
    /** Three heartbeat intervals without an answer: the link gets no data until one comes back. */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
