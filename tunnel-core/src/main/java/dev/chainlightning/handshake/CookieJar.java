package dev.chainlightning.handshake;

import dev.chainlightning.wire.HandshakePackets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's cookies: a value tied to a source address (IP and port) and a secret that changes
 * every {@link #SECRET_LIFETIME_NANOS}. While the server is under load, it answers an initiation
 * without a valid mac2 by a cookie reply instead of doing the handshake's Diffie-Hellman work; a
 * genuine client can read the reply (it arrives at its real address) and repeats its initiation
 * with mac2 keyed by the cookie. A flood from forged addresses never gets past the cheap checks.
 * Receive thread only.
 */
public final class CookieJar {
    static final long SECRET_LIFETIME_NANOS = 120_000_000_000L;

    private final SecureRandom random = new SecureRandom();
    private final Hmac16 hmac = new Hmac16();
    private final Cipher sealer = newCipher();
    private final byte[] cookie = new byte[Hmac16.LENGTH];
    private final byte[] expectedMac2 = new byte[Hmac16.LENGTH];
    private final byte[] source = new byte[18];
    private final byte[] sealKey;
    private final byte[] secret = new byte[32];
    private long secretBornNanos;
    private boolean hasSecret;

    /** @param macs the MACs keyed for this server's own public key */
    public CookieJar(HandshakeMacs macs) {
        this.sealKey = macs.cookieSealKey();
    }

    /** Whether the initiation carries a mac2 keyed with the cookie of the address it came from. */
    public boolean hasValidMac2(byte[] initiation, InetSocketAddress from, long nowNanos) {
        hmac.mac(cookieFor(from, nowNanos), initiation, HandshakePackets.INITIATION_MAC2_OFFSET, expectedMac2, 0);
        return HandshakeMacs.matches(initiation, HandshakePackets.INITIATION_MAC2_OFFSET, expectedMac2);
    }

    /**
     * A cookie reply to {@code initiation} from {@code from}: the cookie sealed under a key only a
     * holder of our public key knows, bound to the initiation's mac1 so it cannot be replayed
     * against another initiation. 52 bytes, smaller than the 152-byte initiation.
     */
    public byte[] reply(byte[] initiation, InetSocketAddress from, int link, long nowNanos) {
        byte[] nonce = new byte[HandshakePackets.COOKIE_NONCE_LENGTH];
        random.nextBytes(nonce);
        ByteBuffer out = ByteBuffer.allocate(HandshakePackets.COOKIE_REPLY_LENGTH);
        out.put(HandshakePackets.TYPE_OFFSET, dev.chainlightning.wire.PacketType.COOKIE_REPLY);
        out.put(HandshakePackets.LINK_OFFSET, (byte) link);
        out.putInt(HandshakePackets.COOKIE_RECEIVER_OFFSET,
                ByteBuffer.wrap(initiation).getInt(HandshakePackets.INITIATION_SENDER_OFFSET));
        out.put(HandshakePackets.COOKIE_NONCE_OFFSET, nonce);
        byte[] mac1 = java.util.Arrays.copyOfRange(initiation, HandshakePackets.INITIATION_MAC1_OFFSET,
                HandshakePackets.INITIATION_MAC1_OFFSET + HandshakeMacs.LENGTH);
        byte[] sealed;
        try {
            sealer.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealKey, "ChaCha20"), new IvParameterSpec(nonce));
            sealer.updateAAD(mac1);
            sealed = sealer.doFinal(cookieFor(from, nowNanos));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 failed", e);
        }
        out.put(HandshakePackets.COOKIE_SEALED_OFFSET, sealed);
        return out.array();
    }

    private byte[] cookieFor(InetSocketAddress from, long nowNanos) {
        if (!hasSecret || nowNanos - secretBornNanos >= SECRET_LIFETIME_NANOS) {
            random.nextBytes(secret);
            secretBornNanos = nowNanos;
            hasSecret = true;
        }
        byte[] ip = from.getAddress().getAddress();
        System.arraycopy(ip, 0, source, 0, ip.length);
        source[ip.length] = (byte) (from.getPort() >>> 8);
        source[ip.length + 1] = (byte) from.getPort();
        hmac.mac(secret, source, ip.length + 2, cookie, 0);
        return cookie;
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
    }

    /** The opened plain text, or null when the tag does not verify. */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable", e);
        }
    }
}
