package dev.chainlightning.testbed.emu;

/**
 * A bottleneck link's transmitter as a virtual clock: a packet starts transmitting when the link
 * is free ({@code max(now, lastDeparture)}) and departs {@code bytes * 8 / rate} later. The queue
 * is what has been admitted but not yet sent; a packet that would push it past the bound is
 * dropped at the tail, like a router's FIFO. Times in nanoseconds from any fixed origin.
 */
final class RateLimiter {

    static final long DROP = -1;
    static final double QUEUE_SECONDS = 0.050;
    static final int MIN_QUEUE_PACKETS = 20;
    static final int FULL_PACKET = 1500;

    private long lastDeparture = Long.MIN_VALUE;

    /** Default bound: 50 ms worth of bytes at the rate, at least 20 full packets. */
    static long queueBoundBytes(double bitsPerSecond) {
        return Math.max((long) (bitsPerSecond / 8 * QUEUE_SECONDS), (long) MIN_QUEUE_PACKETS * FULL_PACKET);
    }

    /** Departure time of a packet of {@code bytes} arriving at {@code now}, or {@link #DROP}. */
    long admit(long now, int bytes, double bitsPerSecond, long queueBoundBytes) {
        long start = Math.max(now, lastDeparture);
        double backlogBytes = (start - now) * bitsPerSecond / 8e9;
        if (backlogBytes + bytes > queueBoundBytes) {
            return DROP;
        }
        lastDeparture = start + (long) (bytes * 8e9 / bitsPerSecond);
        return lastDeparture;
    }
}
