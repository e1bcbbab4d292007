package dev.chainlightning.wire;

/**
 * Layouts of the three handshake packets (docs/PROTOCOL.md, "Handshake"). Unlike the sealed
 * packets they start with their own clear-text fields, and their Noise messages protect the rest.
 * Sizes are fixed, and every answer is smaller than what it answers, so the server can never be
 * used to amplify a flood towards a forged source address.
 */
public final class HandshakePackets {
    // ---- shared: byte 0 type, byte 1 the client's link index, bytes 2-3 zero
    public static final int TYPE_OFFSET = 0;
    public static final int LINK_OFFSET = 1;
    public static final int ZERO_OFFSET = 2;

    // ---- INITIATION (client -> server): Noise IK message 1 and two MACs
    /** The index the client picked for the new keys; the server writes it into the packets it sends under them. */
    public static final int INITIATION_SENDER_OFFSET = 4;
    /** Noise message 1: ephemeral (32), encrypted static key (32 + 16), encrypted payload (16 + 16). */
    public static final int INITIATION_NOISE_OFFSET = 8;
    /** The initiation's payload: a TAI64N timestamp (12) and the client's run id (4). */
    public static final int INITIATION_PAYLOAD_LENGTH = 16;
    public static final int INITIATION_NOISE_LENGTH = 32 + 48 + INITIATION_PAYLOAD_LENGTH + 16;
    public static final int INITIATION_MAC1_OFFSET = INITIATION_NOISE_OFFSET + INITIATION_NOISE_LENGTH;
    public static final int INITIATION_MAC2_OFFSET = INITIATION_MAC1_OFFSET + 16;
    public static final int INITIATION_LENGTH = INITIATION_MAC2_OFFSET + 16;

    // ---- RESPONSE (server -> client): Noise IK message 2 and two MACs
    public static final int RESPONSE_SENDER_OFFSET = 4;
    /** The client's index from the initiation. */
    public static final int RESPONSE_RECEIVER_OFFSET = 8;
    /** Noise message 2: ephemeral (32), empty encrypted payload (16). */
    public static final int RESPONSE_NOISE_OFFSET = 12;
    public static final int RESPONSE_NOISE_LENGTH = 32 + 16;
    public static final int RESPONSE_MAC1_OFFSET = RESPONSE_NOISE_OFFSET + RESPONSE_NOISE_LENGTH;
    public static final int RESPONSE_MAC2_OFFSET = RESPONSE_MAC1_OFFSET + 16;
    public static final int RESPONSE_LENGTH = RESPONSE_MAC2_OFFSET + 16;

    // ---- COOKIE_REPLY (server -> client, instead of a response while the server is under load)
    /** The client's index from the initiation it answers. */
    public static final int COOKIE_RECEIVER_OFFSET = 4;
    public static final int COOKIE_NONCE_OFFSET = 8;
    public static final int COOKIE_NONCE_LENGTH = 12;
    /** The 16-byte cookie, sealed (ChaCha20-Poly1305) with the initiation's mac1 as associated data. */
    public static final int COOKIE_SEALED_OFFSET = COOKIE_NONCE_OFFSET + COOKIE_NONCE_LENGTH;
    public static final int COOKIE_LENGTH = 16;
    public static final int COOKIE_REPLY_LENGTH = COOKIE_SEALED_OFFSET + COOKIE_LENGTH + 16;

    public static final int MAC_LENGTH = 16;

    private HandshakePackets() {
    }

    /** Whether a datagram's first byte names a handshake packet (these have no sealed header). */
    public static boolean isHandshake(byte type) {
        return type == PacketType.HANDSHAKE_INITIATION || type == PacketType.HANDSHAKE_RESPONSE || type == PacketType.COOKIE_REPLY;
    }

    /** The length every packet of this handshake type has, or -1. */
    public static int lengthOf(byte type) {
        return switch (type) {
            case PacketType.HANDSHAKE_INITIATION -> INITIATION_LENGTH;
            case PacketType.HANDSHAKE_RESPONSE -> RESPONSE_LENGTH;
            case PacketType.COOKIE_REPLY -> COOKIE_REPLY_LENGTH;
            default -> -1;
        };
    }
}
