package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * Plaintext of a {@link PacketType#DATA} packet:
 * <pre>
 *   0  u32  sequence number, tunnel-wide, compared with wrap-around arithmetic
 *   4  u32  bit 31: express (deliver on arrival, see below); bits 0-30: the sender's clock in
 *           microseconds, modulo 2^31, when it sent the packet
 *   8  ...  the IP packet read from TUN
 * </pre>
 * The timestamp lets the receiver hold bulk packets to a common delivery time across links of
 * different delays (see {@code reorder.DeliveryAlignment}). Express packets (TCP ACKs, DNS, small
 * packets) skip that hold: they are delivered the moment they arrive.
 */
public final class DataBody {
    public static final int SEQUENCE_OFFSET = 0;
    public static final int STAMP_OFFSET = 4;
    public static final int PACKET_OFFSET = 8;
    private static final int EXPRESS_BIT = 0x8000_0000;
    /** Timestamps are microseconds modulo 2^31: they wrap every 35.8 minutes. */
    public static final int TIMESTAMP_MASK = 0x7fff_ffff;

    private DataBody() {
    }

    public static void sequence(ByteBuffer buf, int offset, int sequence) {
        buf.putInt(offset + SEQUENCE_OFFSET, sequence);
    }

    public static int sequence(ByteBuffer buf, int offset) {
        return buf.getInt(offset + SEQUENCE_OFFSET);
    }

    /** Writes the send time ({@code nanoTime} of the sender) and the express flag. */
    public static void stamp(ByteBuffer buf, int offset, long sentNanos, boolean express) {
        int micros = (int) (sentNanos / 1000) & TIMESTAMP_MASK;
        buf.putInt(offset + STAMP_OFFSET, express ? micros | EXPRESS_BIT : micros);
    }

    /** The sender's clock in microseconds modulo 2^31. */
    public static int sentMicros(ByteBuffer buf, int offset) {
        return buf.getInt(offset + STAMP_OFFSET) & TIMESTAMP_MASK;
    }

    public static boolean isExpress(ByteBuffer buf, int offset) {
        return (buf.getInt(offset + STAMP_OFFSET) & EXPRESS_BIT) != 0;
    }
}
