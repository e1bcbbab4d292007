package dev.chainlightning.handshake;

import java.net.InetAddress;

/**
 * A token bucket per source IP address, in a fixed table indexed by a hash of the address:
 * sources that collide share a bucket, which errs towards limiting, and memory stays bounded
 * whatever the number of sources. Not thread-safe.
 */
final class TokenBuckets {
    private static final int BUCKETS = 4096;
    private static final long SECOND = 1_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final double[] tokens = new double[BUCKETS];
    private final long[] refilledNanos = new long[BUCKETS];
    private final boolean[] used = new boolean[BUCKETS];

    TokenBuckets(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes a token from the source's bucket; false when the source has used its share. */
    boolean take(InetAddress source, long nowNanos) {
        return take((java.util.Arrays.hashCode(source.getAddress()) & 0x7fffffff) % BUCKETS, nowNanos);
    }

    /** Takes a token from bucket {@code i}. */
    boolean take(int i, long nowNanos) {
        if (!used[i]) {
            used[i] = true;
            tokens[i] = burst;
            refilledNanos[i] = nowNanos;
        }
        tokens[i] = Math.min(burst, tokens[i] + (nowNanos - refilledNanos[i]) * perSecond / SECOND);
        refilledNanos[i] = nowNanos;
        if (tokens[i] < 1) {
            return false;
        }
        tokens[i] -= 1;
        return true;
    }
}
