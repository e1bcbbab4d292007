package dev.chainlightning.crypto;

import dev.chainlightning.wire.PacketHeader;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Opens incoming packets of one session. Used by the receiving thread only. Whatever the input,
 * it answers true (body decrypted and authenticated) or false; it never throws for bad packets.
 */
public final class PacketOpener {
    private final CipherSuite[] suites = CipherSuite.values();
    private final SecretKey[] keys = new SecretKey[suites.length];
    private final Cipher[] ciphers = new Cipher[suites.length];
    private final byte[] nonce = new byte[CipherSuite.NONCE_LENGTH];

    public PacketOpener(byte[] key) {
        for (int i = 0; i < suites.length; i++) {
            ciphers[i] = suites[i].newCipher();
        }
        rekey(key);
    }

    /** Switches to another key, keeping the cipher objects. */
    public void rekey(byte[] key) {
        for (int i = 0; i < suites.length; i++) {
            keys[i] = suites[i].key(key);
        }
    }

    /**
     * Authenticates and decrypts {@code packet} (bytes 0 to its limit) into {@code body}, which is
     * cleared first and left flipped. The caller has checked the length and cipher byte.
     */
    public boolean open(ByteBuffer packet, ByteBuffer body) {
        int length = packet.limit();
        CipherSuite suite = CipherSuite.fromWireId(PacketHeader.cipher(packet, 0));
        if (suite == null) {
            return false;
        }
        int index = suite.ordinal();
        Nonces.fill(nonce, PacketHeader.counter(packet, 0));
        body.clear();
        try {
            Cipher cipher = ciphers[index];
            cipher.init(Cipher.DECRYPT_MODE, keys[index], suite.parameters(nonce));
            packet.position(0).limit(PacketHeader.LENGTH);
            cipher.updateAAD(packet);
            packet.limit(length).position(PacketHeader.LENGTH);
            cipher.doFinal(packet, body);
        } catch (GeneralSecurityException | IllegalStateException e) {
            // A forged or damaged packet: the caller drops and counts it.
            body.clear().limit(0);
            return false;
        } finally {
            packet.position(0).limit(length);
        }
        body.flip();
        return true;
    }
}
