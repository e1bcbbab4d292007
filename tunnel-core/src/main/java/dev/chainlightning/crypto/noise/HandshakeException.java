package dev.chainlightning.crypto.noise;

/**
 * A handshake message or key that cannot be accepted. Thrown for anything a peer (or an attacker)
 * can cause, so the engine catches one type, drops the datagram and logs the reason.
 */
public final class HandshakeException extends Exception {
    /** Why a message was refused; stable for counters and tests. */
    public enum Reason {
        /** The message is shorter than its fixed parts or longer than a Noise message may be. */
        BAD_LENGTH,
        /** An AEAD tag did not verify: tampered bytes, wrong static key or wrong PSK. */
        AUTHENTICATION_FAILED,
        /** A Diffie-Hellman result was all zeros: the peer sent a low-order point. */
        LOW_ORDER_POINT
    }

    private final Reason reason;

    public HandshakeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
