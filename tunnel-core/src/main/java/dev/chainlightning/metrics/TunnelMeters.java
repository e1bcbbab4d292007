package dev.chainlightning.metrics;

import dev.chainlightning.engine.DropReason;
import dev.chainlightning.engine.Session;
import dev.chainlightning.fec.group.FecDecoder;
import dev.chainlightning.reorder.ReorderBuffer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The tunnel-wide meters: packets through TUN, drops by reason, FEC, reordering, handshakes and
 * resending. Each reads an existing counter when scraped. Figures that belong to a session (FEC,
 * reordering, handshakes) read the session current at that moment, and start again from 0 when the
 * server replaces its session for a restarted client; Prometheus's rate() treats that as the
 * counter reset it is.
 */
final class TunnelMeters {
    private TunnelMeters() {
    }

    /** Registers every tunnel-wide meter; {@code source} must stay strongly reachable (meters hold it weakly). */
    static void register(MeterRegistry registry, MetricsSource source) {
        Tags role = Tags.of("role", source.role());

        counter(registry, source, role, "chainlightning.tun.read", "packets",
                "Packets read from the TUN device (into the tunnel)", s -> s.counters().tunIn.get());
        counter(registry, source, role, "chainlightning.tun.written", "packets",
                "Packets written to the TUN device (out of the tunnel)", s -> s.counters().tunOut.get());
        counter(registry, source, role.and("reason", "no_link"), "chainlightning.tun.drops", null,
                "Packets from TUN dropped before sending, or refused by TUN, by reason", s -> s.counters().noLinkDrops.get());
        counter(registry, source, role.and("reason", "no_peer"), "chainlightning.tun.drops", null,
                "Packets from TUN dropped before sending, or refused by TUN, by reason", s -> s.counters().noPeerDrops.get());
        counter(registry, source, role.and("reason", "aqm"), "chainlightning.tun.drops", null,
                "Packets from TUN dropped before sending, or refused by TUN, by reason", s -> s.counters().sendQueueAqmDrops.get());
        counter(registry, source, role.and("reason", "queue_full"), "chainlightning.tun.drops", null,
                "Packets from TUN dropped before sending, or refused by TUN, by reason", s -> s.counters().sendQueueFullDrops.get());
        counter(registry, source, role.and("reason", "write_error"), "chainlightning.tun.drops", null,
                "Packets from TUN dropped before sending, or refused by TUN, by reason", s -> s.counters().tunWriteErrors.get());

        for (DropReason reason : DropReason.values()) {
            counter(registry, source, role.and("reason", reason.label()), "chainlightning.drops", null,
                    "Datagrams from the network dropped, by reason", s -> s.counters().drops(reason));
        }
        counter(registry, source, role, "chainlightning.internal.errors", null,
                "Packets whose handling threw (a bug; the first is logged)", s -> s.counters().internalErrors.get());

        counter(registry, source, role, "chainlightning.failovers", null,
                "Times a link went down (no answer to 3 heartbeats) and its traffic moved to the others: failovers",
                s -> s.counters().linkDownEvents.get());
        counter(registry, source, role, "chainlightning.nacks.sent", null,
                "NACKs sent: requests to the peer to send lost data packets again", s -> s.counters().nacksSent.get());
        counter(registry, source, role, "chainlightning.resent", "packets",
                "Data packets sent again because the peer asked (NACK)", s -> s.counters().resentPackets.get());
        counter(registry, source, role, "chainlightning.handshakes", null,
                "Handshakes that gave the current session keys (one at start, one per rekey)",
                s -> sessionValue(s, Session::handshakes));

        counter(registry, source, role, "chainlightning.fec.parity.sent.packets", "packets",
                "FEC parity packets sent", s -> s.counters().parityPackets.get());
        counter(registry, source, role, "chainlightning.fec.parity.sent.bytes", "bytes",
                "Bytes of FEC parity packets sent", s -> s.counters().parityBytes.get());
        counter(registry, source, role, "chainlightning.fec.parity.received", "packets",
                "FEC parity packets received", s -> fecValue(s, FecDecoder::parityReceived));
        counter(registry, source, role, "chainlightning.fec.recovered", "packets",
                "Lost data packets rebuilt from parity", s -> fecValue(s, FecDecoder::recovered));
        counter(registry, source, role, "chainlightning.fec.unrecoverable", "groups",
                "FEC groups that lost more packets than their parity could rebuild", s -> fecValue(s, FecDecoder::unrecoverable));

        counter(registry, source, role, "chainlightning.reorder.late", "packets",
                "Data packets that arrived after their place was delivered or given up, or twice",
                s -> reorderValue(s, r -> r.late() + r.duplicates()));
        counter(registry, source, role, "chainlightning.reorder.lost", "packets",
                "Sequence numbers the reorder buffer gave up waiting for", s -> reorderValue(s, ReorderBuffer::lost));
        counter(registry, source, role, "chainlightning.reorder.timeouts", null,
                "Times a gap was given up because the reorder wait ran out", s -> reorderValue(s, ReorderBuffer::timeouts));
        Gauge.builder("chainlightning.reorder.waiting", source, s -> reorderValue(s, ReorderBuffer::waiting))
                .baseUnit("packets").description("Packets in the reorder buffer now").tags(role).register(registry);
        TimeGauge.builder("chainlightning.reorder.timeout", source, TimeUnit.NANOSECONDS, s -> reorderValue(s, ReorderBuffer::timeoutNanos))
                .description("How long the reorder buffer waits for a missing packet now (follows the links' delay spread)")
                .tags(role).register(registry);
    }

    /**
     * A counter reading {@code value}. Micrometer tells meters apart by name and tags only, so two
     * counters differing only in unit need the unit in their names (it is not appended twice).
     */
    private static void counter(MeterRegistry registry, MetricsSource source, Tags tags, String name, String unit,
                                String description, ToDoubleFunction<MetricsSource> value) {
        FunctionCounter.builder(name, source, value).baseUnit(unit).description(description).tags(tags).register(registry);
    }

    private static double sessionValue(MetricsSource source, ToDoubleFunction<Session> value) {
        Session session = source.session();
        return session == null ? 0 : value.applyAsDouble(session);
    }

    private static double fecValue(MetricsSource source, ToDoubleFunction<FecDecoder> value) {
        Session session = source.session();
        FecDecoder fec = session == null ? null : session.fec();
        return fec == null ? 0 : value.applyAsDouble(fec);
    }

    private static double reorderValue(MetricsSource source, ToDoubleFunction<ReorderBuffer> value) {
        Session session = source.session();
        return session == null ? 0 : value.applyAsDouble(session.reorder());
    }
}
