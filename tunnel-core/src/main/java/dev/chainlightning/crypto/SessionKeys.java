package dev.chainlightning.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two traffic keys of one session, one per direction, derived with HKDF from the pre-shared
 * key and the session id. A new client run picks a new random session id, so its keys are new and
 * its counters can never repeat a nonce of an earlier run.
 */
public final class SessionKeys {
    private static final byte[] SALT = "chainlightning psk v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] clientToServer;
    private final byte[] serverToClient;

    private SessionKeys(byte[] clientToServer, byte[] serverToClient) {
        this.clientToServer = clientToServer;
        this.serverToClient = serverToClient;
    }

    public static SessionKeys derive(PresharedKey psk, int sessionId) {
        byte[] prk = Hkdf.extract(SALT, psk.secret());
        return new SessionKeys(
                Hkdf.expand(prk, info("c2s", sessionId), CipherSuite.KEY_LENGTH),
                Hkdf.expand(prk, info("s2c", sessionId), CipherSuite.KEY_LENGTH));
    }

    /** The key the given side seals with. */
    public byte[] sendKey(boolean isClient) {
        return isClient ? clientToServer : serverToClient;
    }

    /** The key the given side opens with. */
    public byte[] receiveKey(boolean isClient) {
        return isClient ? serverToClient : clientToServer;
    }

    static SecretKey keyFor(byte[] raw, CipherSuite suite) {
        return new SecretKeySpec(raw, suite.keyAlgorithm());
    }

    private static byte[] info(String direction, int sessionId) {
        byte[] label = ("chainlightning data " + direction).getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 4).put(label).putInt(sessionId).array();
    }
}
