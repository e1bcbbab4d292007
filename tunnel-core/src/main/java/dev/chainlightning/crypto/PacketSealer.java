package dev.chainlightning.crypto;

import dev.chainlightning.wire.PacketHeader;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Seals outgoing packets of one session: writes the header and encrypts the body behind it.
 * One instance per sending thread (a {@link Cipher} is not thread-safe); the instances of a
 * session share its counter, so no nonce is ever used twice under the same key.
 */
public final class PacketSealer {
    private final CipherSuite suite;
    private final SecretKey key;
    private final Cipher cipher;
    private final AtomicLong counter;
    private final int sessionId;
    private final byte[] nonce = new byte[CipherSuite.NONCE_LENGTH];

    public PacketSealer(CipherSuite suite, byte[] key, AtomicLong counter, int sessionId) {
        this.suite = suite;
        this.key = suite.key(key);
        this.cipher = suite.newCipher();
        this.counter = counter;
        this.sessionId = sessionId;
    }

    /**
     * Seals {@code body} (position to limit) into {@code out}, which is cleared first and left
     * flipped, ready to send. Returns the datagram length.
     */
    public int seal(byte type, int link, ByteBuffer body, ByteBuffer out) {
        long n = counter.getAndIncrement();
        out.clear();
        PacketHeader.write(out, 0, type, link, suite.wireId(), sessionId, n);
        Nonces.fill(nonce, n);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, suite.parameters(nonce));
            out.limit(PacketHeader.LENGTH);
            cipher.updateAAD(out);
            out.limit(out.capacity());
            cipher.doFinal(body, out);
        } catch (GeneralSecurityException e) {
            // Only a programming error (buffer too small, bad key) gets here; never input from the network.
            throw new IllegalStateException("sealing failed", e);
        }
        out.flip();
        return out.limit();
    }

    public int sessionId() {
        return sessionId;
    }
}
