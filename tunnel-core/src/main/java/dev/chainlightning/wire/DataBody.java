package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * Plaintext of a {@link PacketType#DATA} packet: a u32 tunnel-wide sequence number (compared with
 * wrap-around arithmetic) followed by the IP packet read from TUN.
 */
public final class DataBody {
    public static final int SEQUENCE_OFFSET = 0;
    public static final int PACKET_OFFSET = 4;

    private DataBody() {
    }

    public static void sequence(ByteBuffer buf, int offset, int sequence) {
        buf.putInt(offset + SEQUENCE_OFFSET, sequence);
    }

    public static int sequence(ByteBuffer buf, int offset) {
        return buf.getInt(offset + SEQUENCE_OFFSET);
    }
}
