package dev.chainlightning.crypto.noise;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise CipherState (spec section 5.1) with the ChaChaPoly cipher functions (section 12.3): a
 * key k, possibly empty, and a counter n. The nonce is 4 zero bytes then n as 64-bit
 * little-endian. A failed decryption leaves n unchanged, as the spec requires.
 */
final class CipherState {
    static final int TAG_LENGTH = 16;
    private static final long MAX_NONCE = -1L; // 2^64 - 1, reserved by the spec

    private byte[] key;
    private long nonce;

    CipherState copy() {
        CipherState copy = new CipherState();
        copy.key = key == null ? null : key.clone();
        copy.nonce = nonce;
        return copy;
    }

    void initializeKey(byte[] k) {
        key = k.clone();
        nonce = 0;
    }

    boolean hasKey() {
        return key != null;
    }

    byte[] encryptWithAd(byte[] ad, byte[] plaintext) {
        if (key == null) {
            return plaintext.clone();
        }
        try {
            byte[] out = cipher(Cipher.ENCRYPT_MODE, ad).doFinal(plaintext);
            nonce++;
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws HandshakeException {
        if (key == null) {
            return ciphertext.clone();
        }
        if (ciphertext.length < TAG_LENGTH) {
            throw new HandshakeException(HandshakeException.Reason.BAD_LENGTH,
                    "ciphertext of " + ciphertext.length + " bytes is shorter than its 16-byte tag");
        }
        try {
            byte[] out = cipher(Cipher.DECRYPT_MODE, ad).doFinal(ciphertext);
            nonce++;
            return out;
        } catch (AEADBadTagException e) {
            throw new HandshakeException(HandshakeException.Reason.AUTHENTICATION_FAILED,
                    "handshake message does not authenticate (tampered, wrong static key or wrong PSK)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    /** A fresh Cipher each time: the JDK refuses to re-initialise one with a key and nonce it has used. */
    private Cipher cipher(int mode, byte[] ad) throws GeneralSecurityException {
        if (nonce == MAX_NONCE) {
            throw new IllegalStateException("Noise nonce exhausted");
        }
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) {
            iv[4 + i] = (byte) (nonce >>> (8 * i));
        }
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(iv));
        cipher.updateAAD(ad);
        return cipher;
    }
}
