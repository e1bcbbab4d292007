package dev.chainlightning.engine;

import dev.chainlightning.crypto.Keypair;

/**
 * The keys of one session over time. Like WireGuard, up to three keypairs live at once:
 * <ul>
 *   <li>{@code current}: what this side seals with;</li>
 *   <li>{@code previous}: kept after a rekey so packets sealed just before it, still on their way
 *       on a slower link, are not lost;</li>
 *   <li>{@code next} (server only): keys of a handshake the server answered but the client has
 *       not used yet. The server must not seal with them before the client proves it has them
 *       (its answer may have been lost), so it switches when the first packet under them arrives.</li>
 * </ul>
 * Traffic never pauses for a rekey: the old keys seal until the new ones are confirmed.
 *
 * <p>Changes come from the receive thread only (handshake answers and the first packets under
 * new keys); the send and control threads only read {@link #sending}.
 */
final class KeyRing {
    private final long rekeyAfterNanos;
    private final long rejectAfterNanos;
    private volatile Keypair current;
    private volatile Keypair previous;
    private volatile Keypair next;
    /** Handshakes whose keys this ring took; written by the receive thread only. */
    private volatile int handshakes;

    /**
     * @param rekeyAfterNanos age at which the client starts a new handshake
     * @param rejectAfterNanos age after which keys are used for nothing at all
     */
    KeyRing(long rekeyAfterNanos, long rejectAfterNanos) {
        this.rekeyAfterNanos = rekeyAfterNanos;
        this.rejectAfterNanos = rejectAfterNanos;
    }

    /** The keys to seal with, or null when there are none fit for use (never, too old, or used up). */
    Keypair sending(long nowNanos) {
        Keypair keys = current;
        return keys != null && usable(keys, nowNanos) && keys.sent() < Keypair.REJECT_AFTER_MESSAGES ? keys : null;
    }

    /** Receive thread: the keys a packet naming our index {@code index} was sealed with, or null. */
    Keypair forIndex(int index, long nowNanos) {
        Keypair keys = current;
        if (keys == null || keys.localIndex() != index) {
            keys = next;
            if (keys == null || keys.localIndex() != index) {
                keys = previous;
                if (keys == null || keys.localIndex() != index) {
                    return null;
                }
            }
        }
        return usable(keys, nowNanos) ? keys : null;
    }

    /** Whether the client should start a new handshake: no keys, or keys old or worn enough to replace. */
    boolean needsRekey(long nowNanos) {
        Keypair keys = current;
        return keys == null || nowNanos - keys.createdNanos() >= rekeyAfterNanos || keys.sent() >= Keypair.REKEY_AFTER_MESSAGES;
    }

    /** Receive thread, client: the handshake completed; seal with the new keys at once. */
    void installAsInitiator(Keypair keys) {
        handshakes++;
        previous = current;
        current = keys;
        next = null;
    }

    /** Receive thread, server: a handshake was answered; its keys wait for the client's first packet. */
    void installAsResponder(Keypair keys) {
        handshakes++;
        next = keys;
    }

    /**
     * Receive thread: a packet authenticated under {@code keys}. The first one under the server's
     * {@code next} keys confirms them: they become current.
     */
    void onAuthenticated(Keypair keys) {
        if (keys == next) {
            previous = current;
            current = keys;
            next = null;
        }
    }

    /** How many handshakes gave this ring keys (one at start, one per rekey). */
    int handshakes() {
        return handshakes;
    }

    /** Whether {@code index} is one of the indices in use, so a new handshake does not pick it again. */
    boolean usesIndex(int index) {
        return has(current, index) || has(previous, index) || has(next, index);
    }

    private static boolean has(Keypair keys, int index) {
        return keys != null && keys.localIndex() == index;
    }

    private boolean usable(Keypair keys, long nowNanos) {
        return nowNanos - keys.createdNanos() < rejectAfterNanos;
    }
}
