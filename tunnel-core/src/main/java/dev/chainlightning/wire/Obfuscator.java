package dev.chainlightning.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional obfuscation layer ({@code [security] obfuscate = true} on both ends): makes every
 * datagram look like random bytes of a varying length, so a passive observer cannot pick the
 * tunnel out by constant header bytes or fixed packet sizes. See docs/PROTOCOL.md, "Obfuscation".
 *
 * <p>A datagram of length L becomes
 * <pre>
 *   L bytes   the datagram, with bytes [0, min(48, L)) and its last 16 bytes XORed with a keystream
 *   p bytes   random padding, 0 .. {@link #MAX_PADDING}
 *   1 byte    p, XORed with the keystream
 *   12 bytes  random nonce
 * </pre>
 * The keystream is ChaCha20 under a key derived from the server's public key, with the nonce.
 * The first 48 bytes cover every clear header field and the handshakes' ephemeral keys (an X25519
 * public key's top bit is always 0); the last 16 cover MACs that are zero without a cookie. The
 * rest is ciphertext already. It hides nothing from anyone who knows the server's public key.
 *
 * <p>One instance per thread: it keeps its cipher and keystream buffer.
 */
public final class Obfuscator {
    /** The most random padding a datagram gets. */
    public static final int MAX_PADDING = 31;
    static final int NONCE_LENGTH = 12;
    static final int HEAD = 48;
    static final int TAIL = 16;
    /** Bytes obfuscation adds at most: padding, its length, the nonce. */
    public static final int MAX_OVERHEAD = MAX_PADDING + 1 + NONCE_LENGTH;

    private final SecretKeySpec key;
    private final Cipher chacha;
    private final byte[] zeros = new byte[HEAD + TAIL + 1];
    private final byte[] stream = new byte[HEAD + TAIL + 1];
    private final byte[] nonce = new byte[NONCE_LENGTH];

    /** @param serverPublicKey the server's static public key, which both ends know */
    public Obfuscator(byte[] serverPublicKey) {
        this.key = new SecretKeySpec(deriveKey(serverPublicKey), "ChaCha20");
        try {
            this.chacha = Cipher.getInstance("ChaCha20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 unavailable", e);
        }
    }

    /**
     * Obfuscates the datagram in {@code buf} (position 0 to limit) in place, appending padding,
     * its length and the nonce; the buffer needs {@link #MAX_OVERHEAD} bytes of room.
     */
    public void wrap(ByteBuffer buf) {
        int length = buf.limit();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int padding = random.nextInt(MAX_PADDING + 1);
        for (int i = 0; i < NONCE_LENGTH; i++) {
            nonce[i] = (byte) random.nextInt();
        }
        keystream();
        mask(buf, length);
        buf.limit(length + MAX_OVERHEAD);
        for (int i = 0; i < padding; i++) {
            buf.put(length + i, (byte) random.nextInt());
        }
        buf.put(length + padding, (byte) (padding ^ stream[HEAD + TAIL]));
        buf.put(length + padding + 1, nonce);
        buf.position(0).limit(length + padding + 1 + NONCE_LENGTH);
    }

    /**
     * Restores the datagram in {@code buf} (position 0 to limit) in place and sets the limit to
     * its length. Returns false, leaving the buffer in an unspecified state, when it cannot be an
     * obfuscated datagram (too short, or padding longer than possible).
     */
    public boolean unwrap(ByteBuffer buf) {
        int total = buf.limit();
        if (total < NONCE_LENGTH + 1) {
            return false;
        }
        buf.get(total - NONCE_LENGTH, nonce);
        keystream();
        int padding = (buf.get(total - NONCE_LENGTH - 1) ^ stream[HEAD + TAIL]) & 0xff;
        int length = total - NONCE_LENGTH - 1 - padding;
        if (padding > MAX_PADDING || length < 0) {
            return false;
        }
        mask(buf, length);
        buf.position(0).limit(length);
        return true;
    }

    /** XORs the head and the tail of the first {@code length} bytes with the keystream; its own inverse. */
    private void mask(ByteBuffer buf, int length) {
        int head = Math.min(HEAD, length);
        for (int i = 0; i < head; i++) {
            buf.put(i, (byte) (buf.get(i) ^ stream[i]));
        }
        for (int i = Math.max(head, length - TAIL); i < length; i++) {
            buf.put(i, (byte) (buf.get(i) ^ stream[HEAD + (i - (length - TAIL))]));
        }
    }

    private void keystream() {
        try {
            // Decrypt mode: the JDK refuses to encrypt twice with one nonce, and a replayed datagram brings its nonce again.
            chacha.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
            chacha.doFinal(zeros, 0, zeros.length, stream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 failed", e);
        }
    }

    private static byte[] deriveKey(byte[] serverPublicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("chainlightning obfuscation v2".getBytes(StandardCharsets.US_ASCII));
            return sha.digest(serverPublicKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
