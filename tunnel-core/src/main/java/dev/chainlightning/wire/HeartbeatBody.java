package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * Plaintext of heartbeats and their acknowledgements: a u32 heartbeat number (per link and
 * direction) and the sender's own monotonic clock in nanoseconds, echoed back unchanged so the
 * sender measures the round trip with its own clock. No synchronised clocks are needed.
 */
public final class HeartbeatBody {
    public static final int NUMBER_OFFSET = 0;
    public static final int SENT_NANOS_OFFSET = 4;
    public static final int LENGTH = 12;

    private HeartbeatBody() {
    }

    public static void write(ByteBuffer buf, int offset, int number, long sentNanos) {
        buf.putInt(offset + NUMBER_OFFSET, number);
        buf.putLong(offset + SENT_NANOS_OFFSET, sentNanos);
    }

    public static int number(ByteBuffer buf, int offset) {
        return buf.getInt(offset + NUMBER_OFFSET);
    }

    public static long sentNanos(ByteBuffer buf, int offset) {
        return buf.getLong(offset + SENT_NANOS_OFFSET);
    }
}
