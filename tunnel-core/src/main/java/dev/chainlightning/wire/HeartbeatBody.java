package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * Plaintext of heartbeats and their acknowledgements: a u32 heartbeat number (per link and
 * direction), the sender's own monotonic clock in nanoseconds, echoed back unchanged so the
 * sender measures the round trip with its own clock (no synchronised clocks are needed), and the
 * sender's instance id, random per process start, so a peer notices a restart of the other end,
 * the data loss the sender sees arriving, which steers the other end's adaptive FEC, and per link
 * the bytes it received and the queueing delay it sees, from which the other end estimates the
 * link's capacity in its sending direction.
 */
public final class HeartbeatBody {
    public static final int NUMBER_OFFSET = 0;
    public static final int SENT_NANOS_OFFSET = 4;
    public static final int INSTANCE_OFFSET = 12;
    public static final int LOSS_OFFSET = 16;
    public static final int RECEIVED_BYTES_OFFSET = 20;
    public static final int QUEUE_MICROS_OFFSET = 28;
    public static final int LENGTH = 32;

    private HeartbeatBody() {
    }

    public static void write(ByteBuffer buf, int offset, int number, long sentNanos, int instance, int lossPpm,
                             long receivedBytes, int queueMicros) {
        buf.putInt(offset + NUMBER_OFFSET, number);
        buf.putLong(offset + SENT_NANOS_OFFSET, sentNanos);
        buf.putInt(offset + INSTANCE_OFFSET, instance);
        buf.putInt(offset + LOSS_OFFSET, lossPpm);
        buf.putLong(offset + RECEIVED_BYTES_OFFSET, receivedBytes);
        buf.putInt(offset + QUEUE_MICROS_OFFSET, queueMicros);
    }

    /** All bytes the heartbeat's sender has received on this link: the other side's delivery feedback. */
    public static long receivedBytes(ByteBuffer buf, int offset) {
        return buf.getLong(offset + RECEIVED_BYTES_OFFSET);
    }

    /**
     * How much longer than their fastest the other side's packets on this link have lately taken to
     * arrive (microseconds): the queue in the other side's sending direction, measured from one-way
     * delays with no synchronised clocks (only differences of the same two clocks are used).
     */
    public static int queueMicros(ByteBuffer buf, int offset) {
        return buf.getInt(offset + QUEUE_MICROS_OFFSET);
    }

    /** The share of data packets, in millionths, that the heartbeat's sender found missing on arrival lately. */
    public static int lossPpm(ByteBuffer buf, int offset) {
        return buf.getInt(offset + LOSS_OFFSET);
    }

    public static int instance(ByteBuffer buf, int offset) {
        return buf.getInt(offset + INSTANCE_OFFSET);
    }

    public static int number(ByteBuffer buf, int offset) {
        return buf.getInt(offset + NUMBER_OFFSET);
    }

    public static long sentNanos(ByteBuffer buf, int offset) {
        return buf.getLong(offset + SENT_NANOS_OFFSET);
    }
}
