package dev.chainlightning.link;

/**
 * The smallest of the values seen lately: the minimum over the current and the previous bucket of
 * time, so a value older than two buckets is forgotten and the minimum can rise again when a path
 * gets worse for good. Single writer; any thread reads.
 */
final class RecentMinimum {
    private final long bucketNanos;
    private long current = Long.MAX_VALUE;
    private long previous = Long.MAX_VALUE;
    private long bucketStart;
    private boolean started;
    private volatile long minimum = Long.MAX_VALUE;

    RecentMinimum(long bucketNanos) {
        this.bucketNanos = bucketNanos;
    }

    void add(long value, long nowNanos) {
        if (!started) {
            bucketStart = nowNanos;
            started = true;
        }
        long age = nowNanos - bucketStart;
        if (age >= 2 * bucketNanos) {
            previous = Long.MAX_VALUE; // nothing seen for two buckets: all of it is stale
            current = Long.MAX_VALUE;
            bucketStart = nowNanos;
        } else if (age >= bucketNanos) {
            previous = current;
            current = Long.MAX_VALUE;
            bucketStart += bucketNanos;
        }
        current = Math.min(current, value);
        minimum = Math.min(current, previous);
    }

    /** The recent minimum, or Long.MAX_VALUE before the first value. */
    long get() {
        return minimum;
    }
}
