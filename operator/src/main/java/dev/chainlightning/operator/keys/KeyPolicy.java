package dev.chainlightning.operator.keys;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides whether the stored keys stay. They do, except when a rotation is due (interval passed, or a new
 * rotate-keys annotation value); clients added since get a key of their own and removed clients lose theirs,
 * without touching anyone else's.
 */
public final class KeyPolicy {
    private KeyPolicy() {
    }

    /**
     * @param stored          the keys in the keys Secret, empty when there is none yet
     * @param rotationRequest the primary's rotate-keys annotation, "" when absent
     * @param interval        rotation interval, null for on demand only
     */
    public static KeyDecision decide(Optional<TunnelKeys> stored, List<String> clientNames, String rotationRequest,
                                     Duration interval, Instant now) {
        if (stored.isEmpty()) {
            return new KeyDecision(TunnelKeys.generate(clientNames, now, rotationRequest), "KeysCreated");
        }
        TunnelKeys keys = stored.get();
        if (!rotationRequest.isEmpty() && !rotationRequest.equals(keys.rotationRequest())) {
            return new KeyDecision(TunnelKeys.generate(clientNames, now, rotationRequest), "RotatedOnRequest");
        }
        Instant due = nextRotation(keys, interval);
        if (due != null && !now.isBefore(due)) {
            return new KeyDecision(TunnelKeys.generate(clientNames, now, rotationRequest), "RotatedOnSchedule");
        }
        SortedMap<String, X25519KeyPair> clients = new TreeMap<>();
        boolean added = false;
        for (String name : clientNames) {
            X25519KeyPair pair = keys.clients().get(name);
            if (pair == null) {
                pair = X25519KeyPair.generate();
                added = true;
            }
            clients.put(name, pair);
        }
        TunnelKeys kept = new TunnelKeys(keys.server(), clients, keys.createdAt(), keys.rotationRequest());
        return new KeyDecision(kept, added ? "ClientKeysAdded" : "KeysUnchanged");
    }

    /** When these keys are to be replaced, or null when only on request. */
    public static Instant nextRotation(TunnelKeys keys, Duration interval) {
        return interval == null ? null : keys.createdAt().plus(interval);
    }
}
