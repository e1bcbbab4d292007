package dev.chainlightning.testbed;

/**
 * What one fuzz datagram is. Every kind but the two replays must be dropped by the receiver; the
 * replays are authentic packets sent again, which only a replay window can tell apart.
 */
public enum FuzzKind {
    /** Random bytes of random length 0..1500, 0 and 1 bytes included. */
    RANDOM(14),
    /** A captured header (real type, link, cipher and session) with a random body: must fail authentication. */
    FORGED(8),
    /** A captured packet sent again unchanged to the port it was captured on. */
    REPLAY(2),
    /** A captured packet sent again unchanged to another server port, as if from another link. */
    REPLAY_OTHER_PORT(2),
    /** A captured packet with 1 to 8 bytes flipped. */
    FLIP(14),
    /** A captured packet with 1 to 16 random bytes inserted somewhere. */
    INSERT(6),
    /** A captured packet with 1 to 16 bytes removed somewhere. */
    REMOVE(6),
    /** A captured packet cut to a random shorter length (possibly 0). */
    TRUNCATE(8),
    /** A captured packet with 1 to 256 random bytes appended. */
    EXTEND(6),
    /** A captured packet with its type byte changed, cycling through 0..255. */
    HEADER_TYPE(5),
    /** A captured packet with another link byte. */
    HEADER_LINK(4),
    /** A captured packet with its cipher byte changed, cycling through 0..255. */
    HEADER_CIPHER(4),
    /** A captured packet with another reserved byte. */
    HEADER_RESERVED(3),
    /** A captured packet with another session id. */
    HEADER_SESSION(4),
    /** A captured packet with another counter (next, previous, zero, maximum or random). */
    HEADER_COUNTER(4),
    /** 2000 to 9000 bytes, longer than anything the tunnel sends: random, or a captured packet padded. */
    OVERSIZED(3);

    /** Relative share in the mix. */
    final int weight;

    FuzzKind(int weight) {
        this.weight = weight;
    }

    /** Whether it is a genuine packet sent again: only the replay window tells it apart. */
    public boolean isReplay() {
        return this == REPLAY || this == REPLAY_OTHER_PORT;
    }
}
