package dev.chainlightning.metrics;

import dev.chainlightning.engine.Session;
import dev.chainlightning.engine.TunnelCounters;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the meters read at scrape time: the tunnel-wide counters and whichever session is current
 * then (the server replaces its session when the client restarts, so nothing holds on to one).
 *
 * @param role     "client" or "server", the {@code role} label of every meter
 * @param sessions the current session, or null before the first handshake
 * @param counters the tunnel's counters, which live as long as the process
 */
public record MetricsSource(String role, Supplier<Session> sessions, TunnelCounters counters) {
    public MetricsSource {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(counters, "counters");
    }

    /** The current session, or null. */
    Session session() {
        return sessions.get();
    }
}
