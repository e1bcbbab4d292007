package dev.chainlightning.handshake;

import java.net.InetAddress;

/**
 * How many handshakes the server does, so a flood of initiations cannot take the receive thread
 * (which also carries the data) away from the tunnel:
 * <ul>
 *   <li>Load: more than {@link #LOAD_PER_SECOND} initiations with a valid mac1 within a second
 *       put the server under load, where it asks for cookies (mac2) before any Diffie-Hellman.</li>
 *   <li>Per source IP: at most {@link #PER_SOURCE_PER_SECOND} handshakes a second (burst
 *       {@link #PER_SOURCE_BURST}), so even a sender that answers cookies from a real address
 *       gets only its share.</li>
 *   <li>Cookie replies: at most {@link #REPLIES_PER_SOURCE_PER_SECOND} per source IP and
 *       {@link #REPLIES_PER_SECOND} in all. A reply costs a MAC, a seal and a send; a flood gets
 *       a few, a genuine client needs one per handshake.</li>
 * </ul>
 * Receive thread only.
 */
public final class HandshakeLimiter {
    static final int LOAD_PER_SECOND = 20;
    static final int PER_SOURCE_PER_SECOND = 10;
    static final int PER_SOURCE_BURST = 5;
    static final int REPLIES_PER_SOURCE_PER_SECOND = 10;
    static final int REPLIES_PER_SECOND = 1000;
    private static final long SECOND = 1_000_000_000L;

    private final TokenBuckets handshakes = new TokenBuckets(PER_SOURCE_PER_SECOND, PER_SOURCE_BURST);
    private final TokenBuckets replies = new TokenBuckets(REPLIES_PER_SOURCE_PER_SECOND, REPLIES_PER_SOURCE_PER_SECOND);
    private final TokenBuckets allReplies = new TokenBuckets(REPLIES_PER_SECOND, REPLIES_PER_SECOND);
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

    /** Takes a handshake from the source's share; false when it has used it. */
    public boolean allow(InetAddress source, long nowNanos) {
        return handshakes.take(source, nowNanos);
    }

    /** Whether a cookie reply may go to this source now. */
    public boolean allowCookieReply(InetAddress source, long nowNanos) {
        return replies.take(source, nowNanos) && allReplies.take(0, nowNanos);
    }
}
