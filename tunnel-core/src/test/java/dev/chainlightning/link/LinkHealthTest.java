package dev.chainlightning.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Down detection of a link the peer showed us (the server's view of a link that just joined). */
class LinkHealthTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = 100 * MS;
    private static final long DOWN_AFTER = LinkHealth.MISSED_HEARTBEATS_FOR_DOWN * INTERVAL;

    /**
     * As measured on the test bed: the client's initiation arrived 350 ms before the server could
     * send its first heartbeat (a cold handshake, then a tick at each end). Nothing went
     * unanswered in that time, so the link is not down.
     */
    @Test
    void aJoinedLinkIsNotDownBeforeItsFirstHeartbeat() {
        LinkHealth health = new LinkHealth(INTERVAL);
        long joined = 1_000 * MS;
        health.markAlive(joined);

        assertThat(health.state(joined + 350 * MS)).isEqualTo(LinkState.UP);
        health.onHeartbeatSent(joined + 350 * MS);
        assertThat(health.state(joined + 350 * MS + DOWN_AFTER)).isEqualTo(LinkState.UP);
    }

    @Test
    void aJoinedLinkGoesDownWhenItsHeartbeatsGoUnanswered() {
        LinkHealth health = new LinkHealth(INTERVAL);
        long joined = 1_000 * MS;
        health.markAlive(joined);
        long first = joined + 350 * MS;
        for (long t = first; t <= first + DOWN_AFTER; t += INTERVAL) {
            health.onHeartbeatSent(t);
        }

        assertThat(health.state(first + DOWN_AFTER + 1)).isEqualTo(LinkState.DOWN);
    }

    @Test
    void anAnsweredLinkGoesDownThreeIntervalsAfterItsLastAnswer() {
        LinkHealth health = new LinkHealth(INTERVAL);
        health.onHeartbeatSent(0);
        health.onAck(0, 10 * MS);
        health.onHeartbeatSent(INTERVAL);
        health.onHeartbeatSent(2 * INTERVAL);

        assertThat(health.state(10 * MS + DOWN_AFTER)).isEqualTo(LinkState.UP);
        assertThat(health.state(10 * MS + DOWN_AFTER + 1)).isEqualTo(LinkState.DOWN);
    }
}
