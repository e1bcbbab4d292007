package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * Plaintext of a {@link PacketType#NACK} packet: runs of data sequence numbers the receiver
 * misses and wants sent again.
 * <pre>
 *   0  u8   number of runs, 1..{@link #MAX_RUNS}
 *   1  per run: u32 first sequence number, u16 count (1..65535)
 * </pre>
 */
public final class NackBody {
    public static final int MAX_RUNS = 64;
    private static final int RUN_LENGTH = 6;
    public static final int MAX_LENGTH = 1 + MAX_RUNS * RUN_LENGTH;

    private NackBody() {
    }

    /** Whether {@code length} bytes starting with {@code runs} make a well-formed body. */
    public static boolean isWellFormed(ByteBuffer buf, int offset, int length) {
        if (length < 1 + RUN_LENGTH) {
            return false;
        }
        int runs = runs(buf, offset);
        if (runs < 1 || runs > MAX_RUNS || length != 1 + runs * RUN_LENGTH) {
            return false;
        }
        for (int i = 0; i < runs; i++) {
            if (count(buf, offset, i) == 0) {
                return false;
            }
        }
        return true;
    }

    public static int runs(ByteBuffer buf, int offset) {
        return buf.get(offset) & 0xff;
    }

    public static int first(ByteBuffer buf, int offset, int run) {
        return buf.getInt(offset + 1 + run * RUN_LENGTH);
    }

    public static int count(ByteBuffer buf, int offset, int run) {
        return buf.getShort(offset + 1 + run * RUN_LENGTH + 4) & 0xffff;
    }

    public static void runs(ByteBuffer buf, int offset, int runs) {
        buf.put(offset, (byte) runs);
    }

    public static void run(ByteBuffer buf, int offset, int run, int first, int count) {
        buf.putInt(offset + 1 + run * RUN_LENGTH, first);
        buf.putShort(offset + 1 + run * RUN_LENGTH + 4, (short) count);
    }

    public static int length(int runs) {
        return 1 + runs * RUN_LENGTH;
    }
}
