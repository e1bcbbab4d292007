package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code chainlightning status} shows of a running end: its links and tunnel counters at one
 * moment, with cumulative byte counts (the status view turns two snapshots into rates and shares).
 * Serialized as JSON by the control endpoint; field names are that JSON's.
 */
public record StatusSnapshot(String role, long uptimeMillis, String session, int handshakes, long tunIn, long tunOut,
                             long drops, List<LinkStatus> links) {

    /** One link: its state and measurements, and what it carried so far. */
    public record LinkStatus(int id, String name, String state, double rttMillis, double minRttMillis, double lossRatio,
                             double capacityBitsPerSecond, long txBytes, long rxBytes, String remote) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The snapshot as the control endpoint serves it. */
    static String json(StatusSnapshot snapshot) {
        try {
            return JSON.writeValueAsString(snapshot);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("status snapshot not serializable", e);
        }
    }

    /** Control thread or any reader: everything here is read from volatile or atomic fields. */
    static StatusSnapshot of(String role, long startedNanos, Session session, TunnelCounters counters, long nowNanos) {
        List<LinkStatus> links = new ArrayList<>();
        if (session != null) {
            for (int id = 0; id <= session.striper().highestId(); id++) {
                Link link = session.striper().link(id);
                if (link != null) {
                    var health = link.health();
                    links.add(new LinkStatus(id, link.name(), health.state(nowNanos).label(), health.smoothedRttNanos() / 1e6,
                            health.minRttNanos() / 1e6, health.recentLoss(), link.capacity().capacityBps(),
                            link.counters().txBytes.get(), link.counters().rxBytes.get(),
                            link.remote() == null ? null : link.remote().toString()));
                }
            }
        }
        return new StatusSnapshot(role, (nowNanos - startedNanos) / 1_000_000,
                session == null ? null : Integer.toHexString(session.id()), session == null ? 0 : session.keys().handshakes(),
                counters.tunIn.get(), counters.tunOut.get(), counters.totalDrops(), List.copyOf(links));
    }
}
