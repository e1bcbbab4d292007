package dev.chainlightning.crypto.noise;

/**
 * What a finished handshake yields: one 32-byte key per direction for the data path's own AEAD
 * and counters, and the final handshake hash h (the same on both sides; usable to bind later
 * messages to this handshake).
 */
public final class TransportKeys {
    private final byte[] initiatorToResponder;
    private final byte[] responderToInitiator;
    private final byte[] handshakeHash;

    TransportKeys(byte[] initiatorToResponder, byte[] responderToInitiator, byte[] handshakeHash) {
        this.initiatorToResponder = initiatorToResponder;
        this.responderToInitiator = responderToInitiator;
        this.handshakeHash = handshakeHash;
    }

    /** Split()'s first key: the initiator seals with it, the responder opens with it. */
    public byte[] initiatorToResponder() {
        return initiatorToResponder.clone();
    }

    /** Split()'s second key: the responder seals with it, the initiator opens with it. */
    public byte[] responderToInitiator() {
        return responderToInitiator.clone();
    }

    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    /** The key this side seals with. */
    public byte[] sendKey(boolean isInitiator) {
        return isInitiator ? initiatorToResponder() : responderToInitiator();
    }

    /** The key this side opens with. */
    public byte[] receiveKey(boolean isInitiator) {
        return isInitiator ? responderToInitiator() : initiatorToResponder();
    }

    @Override
    public String toString() {
        return "TransportKeys[secret]";
    }
}
