package dev.chainlightning.crypto.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The constants of our handshake, Noise_IKpsk2_25519_ChaChaPoly_SHA256 (Noise spec rev 34):
 * WireGuard's pattern with SHA-256 and HMAC-SHA256 HKDF instead of BLAKE2s.
 * <pre>
 *   IKpsk2:
 *     &lt;- s
 *     ...
 *     -&gt; e, es, s, ss
 *     &lt;- e, ee, se, psk
 * </pre>
 * docs/HANDSHAKE-CRYPTO.md describes every step and byte.
 */
public final class IKpsk2 {
    public static final String PROTOCOL_NAME = "Noise_IKpsk2_25519_ChaChaPoly_SHA256";
    /** Mixed into h by both sides: a peer of another protocol or version fails message 1. */
    public static final String PROLOGUE = "chainlightning v2";
    public static final int PSK_LENGTH = 32;
    /** Noise's limit on a handshake message. */
    public static final int MAX_MESSAGE_LENGTH = 65535;
    /** Message 1 = e (32) + encrypted s (32 + 16) + payload + 16. */
    public static final int MESSAGE1_OVERHEAD = 32 + 48 + CipherState.TAG_LENGTH;
    /** Message 2 = e (32) + payload + 16. */
    public static final int MESSAGE2_OVERHEAD = 32 + CipherState.TAG_LENGTH;

    private IKpsk2() {
    }

    /** The PSK of a peer that has none: 32 zero bytes, as WireGuard. */
    public static byte[] noPsk() {
        return new byte[PSK_LENGTH];
    }

    static byte[] prologue() {
        return PROLOGUE.getBytes(StandardCharsets.US_ASCII);
    }

    /** The state both sides start from: name, prologue, then the pre-message (responder's static key). */
    static SymmetricState initialState(byte[] prologue, X25519PublicKey responderStatic) {
        SymmetricState state = SymmetricState.initialize(PROTOCOL_NAME);
        state.mixHash(prologue);
        state.mixHash(responderStatic.raw());
        return state;
    }

    /** The "e" token of a PSK handshake: MixHash and also MixKey (spec section 9.2). */
    static void mixEphemeral(SymmetricState state, X25519PublicKey ephemeral) {
        state.mixHash(ephemeral.raw());
        state.mixKey(ephemeral.raw());
    }

    static byte[] checkedPsk(byte[] psk) {
        if (psk.length != PSK_LENGTH) {
            throw new IllegalArgumentException("a handshake PSK has " + PSK_LENGTH + " bytes, got " + psk.length);
        }
        return psk.clone();
    }

    static void checkPayload(byte[] payload, int overhead) {
        if (payload.length > MAX_MESSAGE_LENGTH - overhead) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes makes the message longer than "
                    + MAX_MESSAGE_LENGTH);
        }
    }

    static void checkLength(byte[] message, int overhead, String name) throws HandshakeException {
        if (message.length < overhead || message.length > MAX_MESSAGE_LENGTH) {
            throw new HandshakeException(HandshakeException.Reason.BAD_LENGTH,
                    name + " has " + message.length + " bytes, needs " + overhead + " to " + MAX_MESSAGE_LENGTH);
        }
    }

    static byte[] slice(byte[] message, int from, int to) {
        return Arrays.copyOfRange(message, from, to);
    }

    static Supplier<X25519KeyPair> randomEphemerals() {
        return X25519KeyPair::generate;
    }
}
