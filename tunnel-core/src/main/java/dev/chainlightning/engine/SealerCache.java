package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.crypto.PacketSealer;

/** One thread's sealer for the current session, remade only when the session changes. */
final class SealerCache {
    private final CipherSuite suite;
    private Session session;
    private PacketSealer sealer;

    SealerCache(CipherSuite suite) {
        this.suite = suite;
    }

    PacketSealer forSession(Session current) {
        if (current != session) {
            session = current;
            sealer = new PacketSealer(suite, current.sendKey(), current.sendCounter(), current.id());
        }
        return sealer;
    }
}
