package dev.chainlightning.metrics;

import dev.chainlightning.engine.Session;
import dev.chainlightning.link.Link;

/**
 * Whether the tunnel can carry traffic: a session exists, it has keys to seal with, and at least
 * one of its links is up (or degraded). Otherwise {@code reason} says, in one line, what is missing.
 */
public record Readiness(boolean ready, String reason) {

    public static Readiness of(Session session, long nowNanos) {
        if (session == null) {
            return new Readiness(false, "no session: no handshake with the peer yet");
        }
        if (!session.hasKeys(nowNanos)) {
            return new Readiness(false, "no usable session keys: handshake not complete or keys expired");
        }
        int links = 0;
        for (int id = 0; id <= session.striper().highestId(); id++) {
            Link link = session.striper().link(id);
            if (link != null) {
                links++;
                if (link.health().isUp(nowNanos)) {
                    return new Readiness(true, "ok");
                }
            }
        }
        return new Readiness(false, links == 0 ? "no links yet" : "no link up: all " + links + " links are down");
    }
}
