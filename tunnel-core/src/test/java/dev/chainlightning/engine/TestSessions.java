package dev.chainlightning.engine;

import dev.chainlightning.crypto.Keypair;
import dev.chainlightning.reorder.DeliveryAlignment;
import dev.chainlightning.reorder.ReorderBuffer;

/** Sessions built without a network or TUN device, for tests outside this package (metrics). */
public final class TestSessions {
    private static final long MS = 1_000_000L;

    private TestSessions() {
    }

    /** A session with no keys, no links and FEC off; packets it delivers vanish. */
    public static Session session(int id) {
        return new Session(id, new KeyRing(120_000 * MS, 180_000 * MS),
                new ReorderBuffer(64, 1500, 100 * MS, 0, 0, packet -> { }), new DeliveryAlignment(100 * MS), null,
                new SentPackets(64, 1500));
    }

    /** Completes a (pretend) handshake at {@code nowNanos}: the session has keys to seal with. */
    public static void completeHandshake(Session session, long nowNanos) {
        session.keys().installAsInitiator(new Keypair(1, 2, new byte[32], new byte[32], true, nowNanos));
    }
}
