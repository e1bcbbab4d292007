package dev.chainlightning.metrics;

import dev.chainlightning.engine.Session;
import dev.chainlightning.link.Link;
import dev.chainlightning.link.LinkState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one link, registered the first time the link is seen. They name the link by its
 * id and look it up in the current session at every scrape rather than keeping the Link object:
 * when the server replaces its session (the client restarted) the meters follow the new session's
 * link with that id, and a link the new session does not have yet reads as down with zero
 * traffic. A link id keeps its name for the life of the process (the client's come from the
 * config, the server's are "link" + id), so the {@code link} label is fixed at registration.
 */
final class LinkMeters {
    private final MetricsSource source;
    private final int id;

    private LinkMeters(MetricsSource source, int id) {
        this.source = source;
        this.id = id;
    }

    /**
     * Registers the meters of link {@code id}, labelled {@code name}. The returned object is what
     * the meters read through; keep it strongly reachable (meters hold it weakly).
     */
    static LinkMeters register(MeterRegistry registry, MetricsSource source, int id, String name) {
        LinkMeters meters = new LinkMeters(source, id);
        Tags tags = Tags.of("role", source.role(), "link", name);

        for (LinkState state : LinkState.values()) {
            Gauge.builder("chainlightning.link.state", meters, m -> m.state() == state ? 1 : 0)
                    .description("1 for the link's current state (up, degraded or down), 0 for the others")
                    .tags(tags.and("state", state.label())).register(registry);
        }
        Gauge.builder("chainlightning.link.up", meters, m -> m.state() == LinkState.DOWN ? 0 : 1)
                .description("1 while the link may carry data (up or degraded), 0 while down")
                .tags(tags).register(registry);

        time(registry, meters, tags, "chainlightning.link.rtt", "Smoothed round-trip time of heartbeats",
                link -> link.health().smoothedRttNanos());
        time(registry, meters, tags, "chainlightning.link.rtt.min", "Smallest heartbeat round-trip time seen",
                link -> link.health().minRttNanos());
        time(registry, meters, tags, "chainlightning.link.jitter",
                "Smoothed variation of the one-way delay from the peer to this side",
                link -> link.inbound().variationNanos());
        gauge(registry, meters, tags, "chainlightning.link.loss.ratio", null,
                "Share (0..1) of recent heartbeats (about the last 10 s) that got no answer",
                link -> link.health().recentLoss());
        gauge(registry, meters, tags, "chainlightning.link.capacity", "bytes.per.second",
                "Estimated capacity in this side's sending direction, including IP/UDP/Ethernet framing",
                link -> link.capacity().capacityBps() / 8);

        counter(registry, meters, tags, "chainlightning.link.tx.bytes", "bytes",
                "Bytes sent on the link, counted as on the wire (with IPv4, UDP and Ethernet headers)",
                link -> link.counters().txBytes.get());
        counter(registry, meters, tags, "chainlightning.link.rx.bytes", "bytes",
                "Bytes received on the link, counted as on the wire (with IPv4, UDP and Ethernet headers)",
                link -> link.counters().rxBytes.get());
        counter(registry, meters, tags, "chainlightning.link.tx.packets", "packets", "Datagrams sent on the link",
                link -> link.counters().txPackets.get());
        counter(registry, meters, tags, "chainlightning.link.rx.packets", "packets", "Datagrams received on the link",
                link -> link.counters().rxPackets.get());
        counter(registry, meters, tags, "chainlightning.link.tx.errors", null,
                "Datagrams the socket did not take (full buffer, network error)",
                link -> link.counters().txErrors.get());
        counter(registry, meters, tags, "chainlightning.link.heartbeats.sent", null, "Heartbeats sent on the link",
                link -> link.health().heartbeatsSent());
        counter(registry, meters, tags, "chainlightning.link.heartbeats.acked", null,
                "Heartbeats the peer answered (sent minus acked: missed or still in flight)",
                link -> link.health().heartbeatsAcked());
        return meters;
    }

    /** The link with this id in the current session, or null. */
    private Link link() {
        Session session = source.session();
        return session == null ? null : session.striper().link(id);
    }

    private LinkState state() {
        Link link = link();
        return link == null ? LinkState.DOWN : link.health().state(System.nanoTime());
    }

    private double read(ToDoubleFunction<Link> value) {
        Link link = link();
        return link == null ? 0 : value.applyAsDouble(link);
    }

    private static void gauge(MeterRegistry registry, LinkMeters meters, Tags tags, String name, String unit, String description,
                              ToDoubleFunction<Link> value) {
        Gauge.builder(name, meters, m -> m.read(value)).baseUnit(unit).description(description).tags(tags).register(registry);
    }

    private static void time(MeterRegistry registry, LinkMeters meters, Tags tags, String name, String description,
                             ToDoubleFunction<Link> nanos) {
        TimeGauge.builder(name, meters, TimeUnit.NANOSECONDS, m -> m.read(nanos)).description(description).tags(tags).register(registry);
    }

    /** A counter; as in TunnelMeters, a unit that tells two counters apart is part of the name. */
    private static void counter(MeterRegistry registry, LinkMeters meters, Tags tags, String name, String unit, String description,
                                ToDoubleFunction<Link> value) {
        FunctionCounter.builder(name, meters, m -> m.read(value)).baseUnit(unit).description(description).tags(tags).register(registry);
    }
}
