package dev.chainlightning.handshake;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * The 12-byte timestamp an initiation carries (TAI64N: seconds since 1970 plus 2^62, then
 * nanoseconds, big-endian), so the server can refuse a recorded initiation played back later: it
 * accepts only timestamps newer than the last one it accepted from the client. The clocks of the
 * two ends are never compared; only the client's own clock must not go backwards between its
 * handshakes. Nanoseconds are rounded down to 2^24 ns (about 17 ms) so the timestamp does not
 * reveal the client's exact clock.
 */
public final class Tai64n {
    public static final int LENGTH = 12;
    private static final long EPOCH_OFFSET = 1L << 62;
    private static final int NANOS_MASK = ~((1 << 24) - 1);

    private final Clock clock;
    private byte[] last = new byte[LENGTH];

    public Tai64n(Clock clock) {
        this.clock = clock;
    }

    /**
     * The timestamp for a new initiation: strictly newer than the previous one this object made,
     * even if the clock stood still or stepped back, so two handshakes of one run never collide.
     */
    public synchronized byte[] next() {
        Instant now = clock.instant();
        byte[] stamp = encode(now.getEpochSecond(), now.getNano() & NANOS_MASK);
        if (compare(stamp, last) <= 0) {
            stamp = increment(last);
        }
        last = stamp;
        return stamp.clone();
    }

    static byte[] encode(long epochSeconds, int nanos) {
        return ByteBuffer.allocate(LENGTH).putLong(EPOCH_OFFSET + epochSeconds).putInt(nanos).array();
    }

    /** Unsigned, byte by byte: whether {@code a} is before (negative), equal to or after {@code b}. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private static byte[] increment(byte[] stamp) {
        ByteBuffer b = ByteBuffer.wrap(stamp.clone());
        long seconds = b.getLong(0);
        long nanos = (b.getInt(8) & 0xffffffffL) + (1 << 24);
        if (nanos >= 1_000_000_000L) {
            seconds++;
            nanos = 0;
        }
        return b.putLong(0, seconds).putInt(8, (int) nanos).array();
    }
}
