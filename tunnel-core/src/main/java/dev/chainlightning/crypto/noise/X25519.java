package dev.chainlightning.crypto.noise;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * The X25519 function of RFC 7748 on raw 32-byte strings, done by the JDK's "X25519" provider so
 * that no curve arithmetic of our own exists. Scalars are clamped by the JDK as the RFC says.
 */
final class X25519 {
    static final int LENGTH = 32;
    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);

    private X25519() {
    }

    /**
     * DH(private, public) as Noise defines it. An all-zero result means the public key is a
     * low-order point that would make the shared secret predictable, so it is refused.
     */
    static byte[] dh(byte[] privateKey, X25519PublicKey publicKey) throws HandshakeException {
        byte[] shared = multiply(privateKey, toU(publicKey.raw()));
        if (isAllZero(shared)) {
            throw new HandshakeException(HandshakeException.Reason.LOW_ORDER_POINT,
                    "X25519 result is all zeros: the peer's public key is a low-order point");
        }
        return shared;
    }

    /** The public key of a private scalar: X25519(k, 9). */
    static byte[] publicKeyOf(byte[] privateKey) {
        return multiply(privateKey, BASE_POINT);
    }

    private static byte[] multiply(byte[] privateKey, BigInteger u) {
        if (privateKey.length != LENGTH) {
            throw new IllegalArgumentException("an X25519 private key has 32 bytes, got " + privateKey.length);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            PrivateKey k = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
            PublicKey p = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(k);
            agreement.doPhase(p, true);
            return agreement.generateSecret();
        } catch (java.security.InvalidKeyException e) {
            // The JDK itself refuses a low-order point ("Point has small order"); answer with all zeros
            // so that dh() reports it the same way whichever layer notices.
            return new byte[LENGTH];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is not available in this JDK", e);
        }
    }

    /** RFC 7748 decodeUCoordinate: little-endian, top bit masked; the JDK reduces mod p. */
    private static BigInteger toU(byte[] raw) {
        byte[] bigEndian = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bigEndian[i] = raw[LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    private static boolean isAllZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }
}
