package dev.chainlightning.handshake;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 truncated to 16 bytes, on one reused {@link Mac}: looking up a new Mac per packet
 * costs more than the MAC itself, and the server checks one per initiation, floods included. Not
 * thread-safe: one instance per thread (or per object whose callers share a lock).
 */
final class Hmac16 {
    static final int LENGTH = 16;
    private static final String HMAC = "HmacSHA256";

    private final Mac mac;
    private final byte[] full = new byte[32];

    Hmac16() {
        try {
            mac = Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The MAC of {@code data[0, length)} under {@code key}, into {@code out[outOffset, +16)}. */
    void mac(byte[] key, byte[] data, int length, byte[] out, int outOffset) {
        try {
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(data, 0, length);
            mac.doFinal(full, 0);
        } catch (InvalidKeyException | javax.crypto.ShortBufferException e) {
            throw new IllegalStateException("HMAC failed", e);
        }
        System.arraycopy(full, 0, out, outOffset, LENGTH);
    }

    byte[] mac(byte[] key, byte[] data, int length) {
        byte[] out = new byte[LENGTH];
        mac(key, data, length, out, 0);
        return out;
    }
}
