package dev.chainlightning.crypto.noise;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A Curve25519 public key: 32 raw bytes, little-endian u-coordinate as in RFC 7748, written as
 * base64 text the way {@code wg} prints keys. Immutable; two keys are equal when their bytes are.
 */
public final class X25519PublicKey {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private X25519PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key from its 32 raw bytes (copied). */
    public static X25519PublicKey of(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("a public key has " + LENGTH + " bytes, got " + raw.length);
        }
        return new X25519PublicKey(raw.clone());
    }

    /**
     * Parses base64 text such as a config value or {@code wg pubkey} output; surrounding
     * whitespace is ignored. The message says what is wrong, so a config error can quote it.
     */
    public static X25519PublicKey parse(String base64) {
        return of(Base64Key.decode(base64, "public key"));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Byte view without a copy, for this package's DH. */
    byte[] raw() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        // Constant time: the engine compares a received static key with the configured one.
        return other instanceof X25519PublicKey key && MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
