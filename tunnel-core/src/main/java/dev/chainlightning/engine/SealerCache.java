package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.crypto.Keypair;
import dev.chainlightning.crypto.PacketSealer;

/**
 * One thread's sealer for the keys it currently seals with, remade only when the keys change (a
 * rekey, every two minutes or so), never per packet.
 */
final class SealerCache {
    private final CipherSuite suite;
    private Keypair keys;
    private PacketSealer sealer;

    SealerCache(CipherSuite suite) {
        this.suite = suite;
    }

    /**
     * Seals {@code body} for {@code link} under the session's current keys into {@code out}.
     * Returns false, sealing nothing, when the session has no keys fit for use (before the first
     * handshake, or after the keys expired without a new one).
     */
    boolean seal(Session session, byte type, int link, java.nio.ByteBuffer body, java.nio.ByteBuffer out, long nowNanos) {
        PacketSealer current = forSession(session, nowNanos);
        if (current == null) {
            return false;
        }
        current.seal(type, link, body, out);
        return true;
    }

    /** The sealer for the session's current keys, or null when it has none fit for use. */
    private PacketSealer forSession(Session session, long nowNanos) {
        Keypair current = session.keys().sending(nowNanos);
        if (current == null) {
            return null;
        }
        if (current != keys) {
            keys = current;
            sealer = current.newSealer(suite);
        }
        return sealer;
    }
}
