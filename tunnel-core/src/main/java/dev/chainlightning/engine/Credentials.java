package dev.chainlightning.engine;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.crypto.noise.X25519PublicKey;

/**
 * Who this end is and whom it talks to: its static key pair, the peer's public key, and the
 * 32-byte pre-shared key mixed into every handshake (all zeros when the peers share none).
 */
public record Credentials(X25519KeyPair own, X25519PublicKey peer, byte[] psk) {
    public Credentials {
        psk = psk.clone();
    }

    @Override
    public byte[] psk() {
        return psk.clone();
    }
}
