package dev.chainlightning.wire;

/** The packet types of the wire format: sealed packets 1-5, handshake packets 0x10-0x12 ({@link HandshakePackets}). */
public final class PacketType {
    /** Encrypted body: {@link DataBody}. */
    public static final byte DATA = 1;
    /** Encrypted body: {@link HeartbeatBody}. The receiver answers with {@link #HEARTBEAT_ACK} on the same link. */
    public static final byte HEARTBEAT = 2;
    /** Encrypted body: {@link HeartbeatBody}, echoing the heartbeat it answers. */
    public static final byte HEARTBEAT_ACK = 3;
    /** Encrypted body: {@link ParityBody}, a Reed-Solomon parity shard over a group of data packets. */
    public static final byte PARITY = 4;
    /** Encrypted body: {@link NackBody}, data packets the receiver gave up waiting for; the sender sends them again. */
    public static final byte NACK = 5;

    /** Noise IK message 1 from the client: {@link HandshakePackets}. */
    public static final byte HANDSHAKE_INITIATION = 0x10;
    /** Noise IK message 2 from the server. */
    public static final byte HANDSHAKE_RESPONSE = 0x11;
    /** The server's answer to an initiation while it is under load: a cookie to repeat it with. */
    public static final byte COOKIE_REPLY = 0x12;

    private PacketType() {
    }

    /** Whether {@code type} is one of the sealed packet types (a header, a sealed body). */
    public static boolean isKnown(byte type) {
        return type == DATA || type == HEARTBEAT || type == HEARTBEAT_ACK || type == PARITY || type == NACK;
    }
}
