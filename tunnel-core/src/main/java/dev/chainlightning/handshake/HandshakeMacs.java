package dev.chainlightning.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

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
    public static final int LENGTH = Hmac16.LENGTH;

    private final byte[] mac1Key;
    private final byte[] cookieSealKey;
    private final Hmac16 hmac = new Hmac16();

    /** @param receiverPublicKey the static public key of the side that will check the MACs */
    public HandshakeMacs(byte[] receiverPublicKey) {
        this.mac1Key = labelledHash("mac1----", receiverPublicKey);
        this.cookieSealKey = labelledHash("cookie--", receiverPublicKey);
    }

    /** mac1 over {@code packet[0, macOffset)}. */
    public synchronized byte[] mac1(byte[] packet, int macOffset) {
        return hmac.mac(mac1Key, packet, macOffset);
    }

    /** Whether {@code packet} carries a valid mac1 at {@code macOffset}, in constant time. */
    public boolean hasValidMac1(byte[] packet, int macOffset) {
        return matches(packet, macOffset, mac1(packet, macOffset));
    }

    /** mac2 over {@code packet[0, mac2Offset)} (which includes mac1), keyed with a cookie. */
    public static byte[] mac2(byte[] cookie, byte[] packet, int mac2Offset) {
        return new Hmac16().mac(cookie, packet, mac2Offset);
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
