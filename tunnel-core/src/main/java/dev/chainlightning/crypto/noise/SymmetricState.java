package dev.chainlightning.crypto.noise;

import dev.chainlightning.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Noise SymmetricState (spec section 5.2) with SHA-256: the chaining key ck, the handshake hash
 * h and a CipherState. Mutable; {@link #copy()} lets a reader work on a copy and keep the
 * original when a message turns out bad.
 */
final class SymmetricState {
    static final int HASH_LENGTH = 32;

    private byte[] chainingKey;
    private byte[] hash;
    private CipherState cipher;

    private SymmetricState(byte[] chainingKey, byte[] hash, CipherState cipher) {
        this.chainingKey = chainingKey;
        this.hash = hash;
        this.cipher = cipher;
    }

    /** InitializeSymmetric: a name of at most 32 bytes is zero-padded, a longer one hashed. */
    static SymmetricState initialize(String protocolName) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        byte[] h = name.length <= HASH_LENGTH ? Arrays.copyOf(name, HASH_LENGTH) : sha256(name);
        return new SymmetricState(h.clone(), h, new CipherState());
    }

    SymmetricState copy() {
        return new SymmetricState(chainingKey.clone(), hash.clone(), cipher.copy());
    }

    void mixKey(byte[] inputKeyMaterial) {
        byte[][] out = hkdf(inputKeyMaterial, 2);
        chainingKey = out[0];
        cipher.initializeKey(out[1]);
    }

    void mixHash(byte[] data) {
        hash = sha256(hash, data);
    }

    void mixKeyAndHash(byte[] inputKeyMaterial) {
        byte[][] out = hkdf(inputKeyMaterial, 3);
        chainingKey = out[0];
        mixHash(out[1]);
        cipher.initializeKey(out[2]);
    }

    byte[] handshakeHash() {
        return hash.clone();
    }

    byte[] encryptAndHash(byte[] plaintext) {
        byte[] ciphertext = cipher.encryptWithAd(hash, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    byte[] decryptAndHash(byte[] ciphertext) throws HandshakeException {
        byte[] plaintext = cipher.decryptWithAd(hash, ciphertext);
        mixHash(ciphertext);
        return plaintext;
    }

    /** Split(): the initiator's sending key first, then the responder's. */
    TransportKeys split() {
        byte[][] out = hkdf(new byte[0], 2);
        return new TransportKeys(out[0], out[1], hash.clone());
    }

    /**
     * The spec's HKDF(ck, ikm, n): temp = HMAC(ck, ikm), out1 = HMAC(temp, 0x01),
     * out2 = HMAC(temp, out1 || 0x02), ... which is exactly RFC 5869 extract (salt = ck) then expand
     * with empty info, so the project's {@link Hkdf} computes it.
     */
    private byte[][] hkdf(byte[] inputKeyMaterial, int outputs) {
        byte[] okm = Hkdf.expand(Hkdf.extract(chainingKey, inputKeyMaterial), new byte[0], outputs * HASH_LENGTH);
        byte[][] out = new byte[outputs][];
        for (int i = 0; i < outputs; i++) {
            out[i] = Arrays.copyOfRange(okm, i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
        }
        return out;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
