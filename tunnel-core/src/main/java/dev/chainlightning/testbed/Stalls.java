package dev.chainlightning.testbed;

/**
 * The longest time a receiver made no progress, from the instants at which a poller saw its
 * received byte count grow. Each instant is a poll, so both ends of a gap are known only to
 * within one poll interval: the gap between two progress polls is the stall as measured.
 */
public final class Stalls {

    /** A stall of {@code nanos}; {@code open} when the receiver had not recovered when the window closed. */
    public record Stall(long nanos, boolean open) {

        public double millis() {
            return nanos / 1e6;
        }
    }

    private Stalls() {
    }

    /**
     * The longest gap between consecutive progress instants (ascending, nanoTime) within
     * [from, to], counting the edges: from the window's start to the first progress, and from the
     * last progress to the window's end (then {@code open}, the stall had not ended).
     */
    public static Stall longest(long[] progressNanos, long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty window");
        }
        long previous = from;
        long longest = 0;
        for (long t : progressNanos) {
            if (t < from) {
                continue;
            }
            if (t > to) {
                break;
            }
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        long tail = to - previous;
        return tail > longest ? new Stall(tail, true) : new Stall(longest, false);
    }
}
