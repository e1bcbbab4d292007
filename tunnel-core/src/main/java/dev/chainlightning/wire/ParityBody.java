package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * Plaintext of a {@link PacketType#PARITY} packet: which group of data packets it protects and
 * one Reed-Solomon parity shard over them.
 *
 * <pre>
 *  0  u32  first sequence number of the group (the group is that many consecutive data packets)
 *  4  u8   k, data packets in the group (1..64)
 *  5  u8   m, parity packets of the group (1..32)
 *  6  u8   j, this parity shard's index (0..m-1)
 *  7  ...  the shard: as long as the group's longest IP packet
 * </pre>
 *
 * The data shards are the groups' IP packets zero-padded to the longest; a rebuilt packet's length
 * comes from its own IP header, so no length needs to travel.
 */
public final class ParityBody {
    public static final int FIRST_SEQUENCE_OFFSET = 0;
    public static final int DATA_COUNT_OFFSET = 4;
    public static final int PARITY_COUNT_OFFSET = 5;
    public static final int INDEX_OFFSET = 6;
    public static final int SHARD_OFFSET = 7;

    private ParityBody() {
    }

    public static void writeHeader(ByteBuffer buf, int firstSequence, int dataCount, int parityCount, int index) {
        buf.putInt(FIRST_SEQUENCE_OFFSET, firstSequence);
        buf.put(DATA_COUNT_OFFSET, (byte) dataCount);
        buf.put(PARITY_COUNT_OFFSET, (byte) parityCount);
        buf.put(INDEX_OFFSET, (byte) index);
    }

    public static int firstSequence(ByteBuffer buf) {
        return buf.getInt(FIRST_SEQUENCE_OFFSET);
    }

    public static int dataCount(ByteBuffer buf) {
        return buf.get(DATA_COUNT_OFFSET) & 0xff;
    }

    public static int parityCount(ByteBuffer buf) {
        return buf.get(PARITY_COUNT_OFFSET) & 0xff;
    }

    public static int index(ByteBuffer buf) {
        return buf.get(INDEX_OFFSET) & 0xff;
    }
}
