package dev.chainlightning.wire;

/** The packet types of the wire format. Values 0x10 and up are reserved for the handshake. */
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

    private PacketType() {
    }

    public static boolean isKnown(byte type) {
        return type == DATA || type == HEARTBEAT || type == HEARTBEAT_ACK || type == PARITY || type == NACK;
    }
}
