package dev.chainlightning.crypto.noise;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A private X25519 key and its public key. Private keys are 32 raw bytes, clamped when generated
 * (as {@code wg genkey} does) and written as base64, so keys move freely between this tunnel and
 * WireGuard tools. {@link #toString()} never shows the private half.
 */
public final class X25519KeyPair {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] privateKey;
    private final X25519PublicKey publicKey;

    private X25519KeyPair(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = X25519PublicKey.of(X25519.publicKeyOf(privateKey));
    }

    /** A new random key pair. */
    public static X25519KeyPair generate() {
        byte[] k = new byte[X25519.LENGTH];
        RANDOM.nextBytes(k);
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
        return new X25519KeyPair(k);
    }

    /** The pair of a raw private key (copied; used as given, X25519 clamps when it multiplies). */
    public static X25519KeyPair fromPrivate(byte[] privateKey) {
        if (privateKey.length != X25519.LENGTH) {
            throw new IllegalArgumentException("a private key has 32 bytes, got " + privateKey.length);
        }
        return new X25519KeyPair(privateKey.clone());
    }

    /** Parses a base64 private key ({@code wg genkey} output); the message says what is wrong. */
    public static X25519KeyPair parsePrivate(String base64) {
        return new X25519KeyPair(Base64Key.decode(base64, "private key"));
    }

    public X25519PublicKey publicKey() {
        return publicKey;
    }

    public String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey);
    }

    /** DH(this private key, remote); refuses a low-order remote key. */
    public byte[] dh(X25519PublicKey remote) throws HandshakeException {
        return X25519.dh(privateKey, remote);
    }

    @Override
    public String toString() {
        return "X25519KeyPair[public=" + publicKey + "]";
    }
}
