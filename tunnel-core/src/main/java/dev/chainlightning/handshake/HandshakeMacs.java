package dev.chainlightning.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two MACs at the end of every initiation and response, after WireGuard's design with
 * HMAC-SHA256 (truncated to 16 bytes) in place of keyed BLAKE2s:
 * <ul>
 *   <li>mac1, keyed with SHA-256("mac1----" || the receiver's public key): only someone who knows
 *       the receiver's public key can make it, so the server checks it before any costly
 *       Diffie-Hellman and stays silent to scanners;</li>
 *   <li>mac2, keyed with a cookie the server gave this source address: proves, while the server
 *       is under load, that the sender can receive at the address it sends from. All zeros when
 *       the sender has no cookie.</li>
 * </ul>
 * Handshake packets only; never the data path.
 */
public final class HandshakeMacs {
    public static final int LENGTH = 16;
    private static final String HMAC = "HmacSHA256";

    private final byte[] mac1Key;
    private final byte[] cookieSealKey;

    /** @param receiverPublicKey the static public key of the side that will check the MACs */
    public HandshakeMacs(byte[] receiverPublicKey) {
        this.mac1Key = labelledHash("mac1----", receiverPublicKey);
        this.cookieSealKey = labelledHash("cookie--", receiverPublicKey);
    }

    /** mac1 over {@code packet[0, macOffset)}. */
    public byte[] mac1(byte[] packet, int macOffset) {
        return mac(mac1Key, packet, macOffset);
    }

    /** mac2 over {@code packet[0, mac2Offset)} (which includes mac1), keyed with a cookie. */
    public static byte[] mac2(byte[] cookie, byte[] packet, int mac2Offset) {
        return mac(cookie, packet, mac2Offset);
    }

    /** The key a cookie reply to this receiver is sealed with. */
    byte[] cookieSealKey() {
        return cookieSealKey.clone();
    }

    /** Whether {@code packet} holds {@code expected} at {@code offset}, in constant time. */
    public static boolean matches(byte[] packet, int offset, byte[] expected) {
        int diff = 0;
        for (int i = 0; i < LENGTH; i++) {
            diff |= packet[offset + i] ^ expected[i];
        }
        return diff == 0;
    }

    static byte[] mac(byte[] key, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(data, 0, length);
            byte[] full = mac.doFinal();
            return java.util.Arrays.copyOf(full, LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static byte[] labelledHash(String label, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.US_ASCII));
            return sha.digest(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
