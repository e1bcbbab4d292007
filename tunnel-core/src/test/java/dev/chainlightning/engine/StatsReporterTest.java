package dev.chainlightning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.link.Link;
import dev.chainlightning.link.LinkGrader;
import dev.chainlightning.reorder.DeliveryAlignment;
import dev.chainlightning.reorder.ReorderBuffer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatsReporterTest {
    private static final long MS = 1_000_000L;

    @Test
    void eachLinksLineNamesItsState() {
        Session session = new Session(7, new KeyRing(120_000 * MS, 180_000 * MS),
                new ReorderBuffer(64, 1500, 100 * MS, 0, 0, packet -> { }), new DeliveryAlignment(100 * MS), null,
                new SentPackets(64, 1500));
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 9);
        Link near = new Link(0, "near", 10, null, peer, true, 100 * MS);
        Link far = new Link(1, "far", 10, null, peer, true, 100 * MS);
        Link gone = new Link(2, "gone", 10, null, peer, true, 100 * MS);
        session.striper().register(near);
        session.striper().register(far);
        session.striper().register(gone);
        // The reporter reads the real clock, so the heartbeats are stamped with it: answered just now,
        // after 20 ms on one link and 400 ms on the other; the third link never answered.
        long now = System.nanoTime();
        near.health().onHeartbeatSent(now - 20 * MS);
        near.health().onAck(now - 20 * MS, now);
        far.health().onHeartbeatSent(now - 400 * MS);
        far.health().onAck(now - 400 * MS, now);
        new LinkGrader(0.7, 0.3).grade(new Link[] {near, far, gone}, 3, now);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new StatsReporter("client", () -> session, new TunnelCounters(), new PrintStream(text, true, StandardCharsets.UTF_8)).run();
        String out = text.toString(StandardCharsets.UTF_8);

        assertThat(out).containsPattern("client link near +up +rtt +20\\.00 ms");
        assertThat(out).containsPattern("client link far +degraded +rtt +400\\.00 ms");
        assertThat(out).containsPattern("client link gone +down +rtt");
        assertThat(out).containsPattern("far .* score +2\\.66 +heartbeat +100 ms");
    }
}
