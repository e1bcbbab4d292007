package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * The clear-text header that starts every ChainLightning datagram. It is authenticated (it is the
 * AEAD's associated data) but not encrypted, because the receiver needs it to find the session and
 * the nonce before it can decrypt anything. Layout, big-endian (see docs/PROTOCOL.md):
 *
 * <pre>
 *  0  u8   type        {@link PacketType}
 *  1  u8   link        the client's link index; names the link in both directions
 *  2  u8   cipher      {@link CipherSuite#wireId()} the sender sealed this packet with
 *  3  u8   reserved    0 (key epoch once rekeying exists)
 *  4  u32  session     random per client run; the server finds the session by it, never by address
 *  8  u64  counter     per-direction packet counter; the AEAD nonce is 4 zero bytes followed by it
 * </pre>
 *
 * Static accessors read and write at absolute offsets so callers never allocate per packet.
 */
public final class PacketHeader {
    public static final int TYPE_OFFSET = 0;
    public static final int LINK_OFFSET = 1;
    public static final int CIPHER_OFFSET = 2;
    public static final int RESERVED_OFFSET = 3;
    public static final int SESSION_OFFSET = 4;
    public static final int COUNTER_OFFSET = 8;
    public static final int LENGTH = 16;

    private PacketHeader() {
    }

    /** Writes a complete header at {@code offset}. */
    public static void write(ByteBuffer buf, int offset, byte type, int link, int cipherId, int session, long counter) {
        buf.put(offset + TYPE_OFFSET, type);
        buf.put(offset + LINK_OFFSET, (byte) link);
        buf.put(offset + CIPHER_OFFSET, (byte) cipherId);
        buf.put(offset + RESERVED_OFFSET, (byte) 0);
        buf.putInt(offset + SESSION_OFFSET, session);
        buf.putLong(offset + COUNTER_OFFSET, counter);
    }

    public static byte type(ByteBuffer buf, int offset) {
        return buf.get(offset + TYPE_OFFSET);
    }

    public static int link(ByteBuffer buf, int offset) {
        return buf.get(offset + LINK_OFFSET) & 0xff;
    }

    public static int cipher(ByteBuffer buf, int offset) {
        return buf.get(offset + CIPHER_OFFSET) & 0xff;
    }

    public static int reserved(ByteBuffer buf, int offset) {
        return buf.get(offset + RESERVED_OFFSET) & 0xff;
    }

    public static int session(ByteBuffer buf, int offset) {
        return buf.getInt(offset + SESSION_OFFSET);
    }

    public static long counter(ByteBuffer buf, int offset) {
        return buf.getLong(offset + COUNTER_OFFSET);
    }
}
