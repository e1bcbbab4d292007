package dev.chainlightning.link;

/** Whether a link may carry data. */
public enum LinkState {
    /** Heartbeats are answered: the link carries its share. */
    UP,
    /** Three heartbeat intervals without an answer: the link gets no data until one comes back. */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
