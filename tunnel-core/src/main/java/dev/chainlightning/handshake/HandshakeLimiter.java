package dev.chainlightning.handshake;

import java.net.InetAddress;

/**
 * How many handshakes the server does, so a flood of initiations cannot take the receive thread
 * (which also carries the data) away from the tunnel. Two limits:
 * <ul>
 *   <li>Load: more than {@link #LOAD_PER_SECOND} initiations with a valid mac1 within a second
 *       put the server under load, where it asks for cookies (mac2) before any Diffie-Hellman.</li>
 *   <li>Per source IP: at most {@link #PER_SOURCE_PER_SECOND} handshakes a second (burst
 *       {@link #PER_SOURCE_BURST}), so even a sender that answers cookies from a real address
 *       gets only its share. Buckets are a fixed table indexed by a hash of the address: sources
 *       that collide share a bucket, which errs towards limiting, and memory stays bounded
 *       whatever the number of sources.</li>
 * </ul>
 * Receive thread only.
 */
public final class HandshakeLimiter {
    static final int LOAD_PER_SECOND = 20;
    static final int PER_SOURCE_PER_SECOND = 10;
    static final int PER_SOURCE_BURST = 5;
    private static final int BUCKETS = 4096;
    private static final long SECOND = 1_000_000_000L;

    private final double[] tokens = new double[BUCKETS];
    private final long[] refilledNanos = new long[BUCKETS];
    private final boolean[] used = new boolean[BUCKETS];
    private long windowStartNanos;
    private int inWindow;
    private int inPreviousWindow;

    /** Counts an initiation with a valid mac1 and says whether the server is now under load. */
    public boolean underLoad(long nowNanos) {
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= SECOND) {
            inPreviousWindow = elapsed >= 2 * SECOND ? 0 : inWindow;
            inWindow = 0;
            windowStartNanos = nowNanos;
            elapsed = 0;
        }
        inWindow++;
        // A sliding estimate over the last second: this window plus the unexpired part of the last.
        double recent = inWindow + inPreviousWindow * (1.0 - (double) elapsed / SECOND);
        return recent > LOAD_PER_SECOND;
    }

    /** Takes a token from the source's bucket; false when the source has used its share. */
    public boolean allow(InetAddress source, long nowNanos) {
        int i = (java.util.Arrays.hashCode(source.getAddress()) & 0x7fffffff) % BUCKETS;
        if (!used[i]) {
            used[i] = true;
            tokens[i] = PER_SOURCE_BURST;
            refilledNanos[i] = nowNanos;
        }
        double refill = (nowNanos - refilledNanos[i]) * (double) PER_SOURCE_PER_SECOND / SECOND;
        tokens[i] = Math.min(PER_SOURCE_BURST, tokens[i] + refill);
        refilledNanos[i] = nowNanos;
        if (tokens[i] < 1) {
            return false;
        }
        tokens[i] -= 1;
        return true;
    }
}
