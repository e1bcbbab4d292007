package dev.chainlightning.engine;

/**
 * Why a datagram from the network was dropped. Every datagram a socket hands us is either
 * accepted or counted under exactly one of these, so the counters account for all hostile input.
 * The labels are what the stats line (and later the metrics) print.
 */
public enum DropReason {
    /** Shorter than a header and a tag. */
    SHORT("short"),
    /** Longer than any datagram we send (it filled the whole receive buffer). */
    OVERSIZED("oversized"),
    /** A type byte we do not know. */
    BAD_TYPE("bad_type"),
    /** A header byte out of range: unknown cipher, non-zero reserved byte. */
    BAD_HEADER("bad_header"),
    /** Names a session or key this side does not have (or keys too old to use), or answers no handshake of ours. */
    NO_SESSION("no_session"),
    /** Failed authentication: forged, damaged, or sealed under another key. */
    AUTH("auth"),
    /**
     * Authentic, but its counter was accepted before (or is too old to tell); or an initiation not
     * newer than the last one taken: a replay.
     */
    REPLAY("replay"),
    /** Authentic, but its body has the wrong length or shape for its type. */
    BAD_BODY("bad_body"),
    /** A data packet whose payload is not an IPv4 or IPv6 packet that fits: it must not reach TUN. */
    NOT_IP("not_ip"),
    /** Names a link this side does not have, or arrived on another link's socket (client). */
    BAD_LINK("bad_link"),
    /** A handshake packet whose mac1 is wrong: sent by someone who does not know our public key. */
    BAD_MAC("bad_mac"),
    /** A handshake packet with a valid mac1 whose Noise message does not verify. */
    BAD_HANDSHAKE("bad_handshake"),
    /** A valid initiation from a static key other than the configured peer's. */
    UNKNOWN_PEER("unknown_peer"),
    /** An initiation not taken while the server is under load: answered by a cookie, or over its source's share. */
    BUSY("busy"),
    /** Handling it threw: a bug, logged once. */
    INTERNAL("internal");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
