package dev.chainlightning.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chainlightning.engine.DropReason;
import dev.chainlightning.engine.Session;
import dev.chainlightning.engine.TestSessions;
import dev.chainlightning.engine.TunnelCounters;
import dev.chainlightning.link.Link;
import dev.chainlightning.link.LinkGrader;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TunnelMetricsTest {
    private static final long MS = 1_000_000L;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 9);

    private final AtomicReference<Session> current = new AtomicReference<>(TestSessions.session(7));
    private final TunnelCounters counters = new TunnelCounters();
    private final TunnelMetrics metrics = new TunnelMetrics(new MetricsSource("client", current::get, counters));

    private static Link link(int id, String name) {
        return new Link(id, name, 10, null, PEER, true, 100 * MS);
    }

    /** A heartbeat sent {@code rttMs} ago and answered now (the meters read the real clock). */
    private static void answered(Link link, long rttMs) {
        long now = System.nanoTime();
        link.health().onHeartbeatSent(now - rttMs * MS);
        link.health().onAck(now - rttMs * MS, now);
    }

    private Map<String, Double> scrape() {
        return Scrape.parse(metrics.scrape());
    }

    @Test
    void linkMetricsReadTheLinksState() {
        Link near = link(0, "near");
        Link far = link(1, "far");
        Link gone = link(2, "gone");
        current.get().striper().register(near);
        current.get().striper().register(far);
        current.get().striper().register(gone);
        answered(near, 20);
        answered(far, 400);
        new LinkGrader(0.7, 0.3).grade(new Link[] {near, far, gone}, 3, System.nanoTime());
        near.counters().txBytes.addAndGet(1500);
        near.counters().txPackets.addAndGet(2);
        near.counters().onReceived(958); // + 42 bytes of framing

        Map<String, Double> m = scrape();

        assertThat(m).containsEntry("chainlightning_link_state{link=\"near\",role=\"client\",state=\"up\"}", 1.0)
                .containsEntry("chainlightning_link_state{link=\"near\",role=\"client\",state=\"degraded\"}", 0.0)
                .containsEntry("chainlightning_link_state{link=\"near\",role=\"client\",state=\"down\"}", 0.0)
                .containsEntry("chainlightning_link_state{link=\"far\",role=\"client\",state=\"degraded\"}", 1.0)
                .containsEntry("chainlightning_link_state{link=\"gone\",role=\"client\",state=\"down\"}", 1.0)
                .containsEntry("chainlightning_link_up{link=\"far\",role=\"client\"}", 1.0)
                .containsEntry("chainlightning_link_up{link=\"gone\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_link_tx_bytes_total{link=\"near\",role=\"client\"}", 1500.0)
                .containsEntry("chainlightning_link_tx_packets_total{link=\"near\",role=\"client\"}", 2.0)
                .containsEntry("chainlightning_link_rx_bytes_total{link=\"near\",role=\"client\"}", 1000.0)
                .containsEntry("chainlightning_link_rx_packets_total{link=\"near\",role=\"client\"}", 1.0)
                .containsEntry("chainlightning_link_heartbeats_sent_total{link=\"near\",role=\"client\"}", 1.0)
                .containsEntry("chainlightning_link_heartbeats_acked_total{link=\"near\",role=\"client\"}", 1.0)
                .containsEntry("chainlightning_link_heartbeats_acked_total{link=\"gone\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_link_loss_ratio{link=\"near\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_link_jitter_seconds{link=\"near\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_link_tx_errors_total{link=\"near\",role=\"client\"}", 0.0);
        // Seconds and bytes per second, the base units: 20 ms, and a configured 10 Mbit/s.
        assertThat(m.get("chainlightning_link_rtt_seconds{link=\"near\",role=\"client\"}")).isCloseTo(0.020, within(1e-9));
        assertThat(m.get("chainlightning_link_rtt_min_seconds{link=\"far\",role=\"client\"}")).isCloseTo(0.400, within(1e-9));
        assertThat(m.get("chainlightning_link_capacity_bytes_per_second{link=\"near\",role=\"client\"}")).isEqualTo(1.25e6);
    }

    @Test
    void tunnelMetricsReadTheCountersAndTheSession() {
        counters.tunIn.addAndGet(5);
        counters.tunOut.addAndGet(4);
        counters.noLinkDrops.incrementAndGet();
        counters.drop(DropReason.AUTH);
        counters.drop(DropReason.AUTH);
        counters.drop(DropReason.REPLAY);
        counters.nacksSent.addAndGet(3);
        counters.resentPackets.addAndGet(2);
        counters.parityPackets.addAndGet(6);
        counters.parityBytes.addAndGet(9000);
        TestSessions.completeHandshake(current.get(), System.nanoTime());

        Map<String, Double> m = scrape();

        assertThat(m).containsEntry("chainlightning_tun_read_packets_total{role=\"client\"}", 5.0)
                .containsEntry("chainlightning_tun_written_packets_total{role=\"client\"}", 4.0)
                .containsEntry("chainlightning_tun_drops_total{reason=\"no_link\",role=\"client\"}", 1.0)
                .containsEntry("chainlightning_tun_drops_total{reason=\"no_peer\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_drops_total{reason=\"auth\",role=\"client\"}", 2.0)
                .containsEntry("chainlightning_drops_total{reason=\"replay\",role=\"client\"}", 1.0)
                .containsEntry("chainlightning_nacks_sent_total{role=\"client\"}", 3.0)
                .containsEntry("chainlightning_resent_packets_total{role=\"client\"}", 2.0)
                .containsEntry("chainlightning_fec_parity_sent_packets_total{role=\"client\"}", 6.0)
                .containsEntry("chainlightning_fec_parity_sent_bytes_total{role=\"client\"}", 9000.0)
                .containsEntry("chainlightning_fec_recovered_packets_total{role=\"client\"}", 0.0) // FEC off: 0, not missing
                .containsEntry("chainlightning_fec_unrecoverable_groups_total{role=\"client\"}", 0.0)
                .containsEntry("chainlightning_reorder_late_packets_total{role=\"client\"}", 0.0)
                .containsEntry("chainlightning_reorder_lost_packets_total{role=\"client\"}", 0.0)
                .containsEntry("chainlightning_reorder_timeouts_total{role=\"client\"}", 0.0)
                .containsEntry("chainlightning_reorder_waiting_packets{role=\"client\"}", 0.0)
                .containsEntry("chainlightning_reorder_timeout_seconds{role=\"client\"}", 0.1)
                .containsEntry("chainlightning_handshakes_total{role=\"client\"}", 1.0)
                .containsEntry("chainlightning_internal_errors_total{role=\"client\"}", 0.0);
        for (DropReason reason : DropReason.values()) {
            assertThat(m).containsKey("chainlightning_drops_total{reason=\"" + reason.label() + "\",role=\"client\"}");
        }
    }

    @Test
    void everyNameFollowsPrometheusConventions() {
        current.get().striper().register(link(0, "a"));

        for (String sample : scrape().keySet()) {
            String name = sample.substring(0, sample.indexOf('{'));
            assertThat(name).startsWith("chainlightning_").matches("[a-z_]+");
            assertThat(sample).contains("role=\"client\"");
            if (name.startsWith("chainlightning_link_")) {
                assertThat(sample).contains("link=\"a\"");
            }
        }
    }

    @Test
    void aLinkJoiningLaterGetsItsMetersAtTheNextScrape() {
        current.set(null);
        assertThat(scrape()).noneSatisfy((name, value) -> assertThat(name).startsWith("chainlightning_link_"));
        // Without a session the tunnel figures read 0 rather than vanish.
        assertThat(scrape()).containsEntry("chainlightning_handshakes_total{role=\"client\"}", 0.0);

        Session session = TestSessions.session(1);
        current.set(session);
        session.striper().register(link(0, "link0"));
        assertThat(scrape()).containsKey("chainlightning_link_up{link=\"link0\",role=\"client\"}");

        session.striper().register(link(3, "link3"));
        assertThat(scrape()).containsKey("chainlightning_link_up{link=\"link0\",role=\"client\"}")
                .containsKey("chainlightning_link_up{link=\"link3\",role=\"client\"}");
    }

    @Test
    void aReplacedSessionIsReadNotTheOldOne() {
        Link old = link(0, "link0");
        current.get().striper().register(old);
        answered(old, 10);
        old.counters().txBytes.addAndGet(1_000_000);
        assertThat(scrape()).containsEntry("chainlightning_link_tx_bytes_total{link=\"link0\",role=\"client\"}", 1e6)
                .containsEntry("chainlightning_link_up{link=\"link0\",role=\"client\"}", 1.0);

        // The client restarted: the server's new session has not seen link 0 yet, then learns it again.
        Session replacement = TestSessions.session(8);
        current.set(replacement);
        assertThat(scrape()).containsEntry("chainlightning_link_tx_bytes_total{link=\"link0\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_link_up{link=\"link0\",role=\"client\"}", 0.0);

        Link fresh = link(0, "link0");
        replacement.striper().register(fresh);
        answered(fresh, 10);
        fresh.counters().txBytes.addAndGet(500);
        assertThat(scrape()).containsEntry("chainlightning_link_tx_bytes_total{link=\"link0\",role=\"client\"}", 500.0)
                .containsEntry("chainlightning_link_up{link=\"link0\",role=\"client\"}", 1.0);
    }

    @Test
    void readinessNeedsASessionKeysAndALinkUp() {
        current.set(null);
        assertThat(metrics.readiness()).isEqualTo(new Readiness(false, "no session: no handshake with the peer yet"));

        Session session = TestSessions.session(1);
        current.set(session);
        Link link = link(0, "a");
        session.striper().register(link);
        assertThat(metrics.readiness().ready()).isFalse();
        assertThat(metrics.readiness().reason()).contains("no usable session keys");

        TestSessions.completeHandshake(session, System.nanoTime());
        assertThat(metrics.readiness()).isEqualTo(new Readiness(false, "no link up: all 1 links are down"));

        answered(link, 10);
        assertThat(metrics.readiness()).isEqualTo(new Readiness(true, "ok"));
    }
}
