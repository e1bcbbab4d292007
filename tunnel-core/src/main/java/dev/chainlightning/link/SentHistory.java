package dev.chainlightning.link;

/**
 * How many bytes we had sent on a link at recent instants, so that what the peer reports received
 * can be compared with what we sent one round trip earlier: its report counts what had arrived
 * half a round trip before we read it, and that left us half a round trip before that. Comparing
 * with what we sent by now would take a sender that speeds up for a link that is full. A ring of
 * the last {@link #SAMPLES} readings, interpolated between them. Receive thread only.
 */
final class SentHistory {
    static final int SAMPLES = 64;

    private final long[] nanos = new long[SAMPLES];
    private final long[] bytes = new long[SAMPLES];
    private int count;

    void record(long nowNanos, long sentBytes) {
        int slot = count % SAMPLES;
        nanos[slot] = nowNanos;
        bytes[slot] = sentBytes;
        count++;
    }

    /** Bytes sent by {@code atNanos}: interpolated between readings, clamped to the oldest and newest. */
    long sentAt(long atNanos) {
        if (count == 0) {
            return 0;
        }
        int newest = (count - 1) % SAMPLES;
        if (atNanos - nanos[newest] >= 0) {
            return bytes[newest];
        }
        int kept = Math.min(count, SAMPLES);
        for (int back = 1; back < kept; back++) {
            int older = (count - 1 - back) % SAMPLES;
            int newer = (count - back) % SAMPLES;
            if (atNanos - nanos[older] >= 0) {
                long span = nanos[newer] - nanos[older];
                if (span <= 0) {
                    return bytes[older];
                }
                double f = (double) (atNanos - nanos[older]) / span;
                return bytes[older] + Math.round(f * (bytes[newer] - bytes[older]));
            }
        }
        return bytes[(count - kept) % SAMPLES]; // older than all we keep
    }
}
