package dev.chainlightning.link;

import static dev.chainlightning.link.SimulatedLink.TICK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RevivalRampTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Heartbeats every tick from {@code from} (exclusive) to {@code to} (inclusive), answered after the link's RTT. */
    private static long run(SimulatedLink sim, long from, long to) {
        for (long t = from + TICK; t <= to; t += TICK) {
            sim.tick(t);
        }
        return to;
    }

    @Test
    void aReturningLinkGetsASmallShareThatRisesOverTwoSeconds() {
        SimulatedLink sim = new SimulatedLink(0, 20 * MS, 50);
        long now = run(sim, 0, 10 * SECOND);
        assertThat(sim.health().revivalShare(now)).isEqualTo(1.0); // long past its first ramp
        assertThat(sim.link.usableCapacityBps(now)).isEqualTo(50e6);

        sim.dead = true;
        now = run(sim, now, now + SECOND);
        assertThat(sim.health().state(now)).isEqualTo(LinkState.DOWN);
        sim.dead = false;
        sim.sendHeartbeat(now);
        long back = now + 20 * MS;
        sim.deliver(back); // the first answer: up again
        assertThat(sim.health().state(back)).isEqualTo(LinkState.UP);
        assertThat(sim.health().revivalShare(back)).isEqualTo(RevivalRamp.START_SHARE);
        assertThat(sim.link.usableCapacityBps(back)).isCloseTo(5e6, offset(1.0));
        assertThat(sim.health().revivalShare(back + SECOND)).isCloseTo(0.55, offset(1e-9));
        assertThat(sim.health().revivalShare(back + 2 * SECOND - MS)).isLessThan(1.0);
        assertThat(sim.health().revivalShare(back + 2 * SECOND)).isEqualTo(1.0);
    }

    @Test
    void theShareRisesSteadilyAndAnswersWhileUpDoNotRestartIt() {
        SimulatedLink sim = new SimulatedLink(0, 20 * MS, 50);
        long now = run(sim, 0, 5 * SECOND);
        sim.dead = true;
        now = run(sim, now, now + SECOND);
        sim.dead = false;
        double previous = 0;
        boolean back = false;
        for (long t = now + TICK; t <= now + 2500 * MS; t += TICK) {
            sim.tick(t);
            back |= sim.health().isUp(t);
            if (!back) {
                continue;
            }
            double share = sim.health().revivalShare(t);
            assertThat(share).isGreaterThanOrEqualTo(previous).isBetween(RevivalRamp.START_SHARE, 1.0);
            previous = share;
        }
        assertThat(previous).isEqualTo(1.0);
    }

    @Test
    void aLinksFirstAnswerIsNoReturnAndGetsNoRamp() {
        // At start every link comes up at once: ramping them all would only shrink every share alike.
        SimulatedLink sim = new SimulatedLink(0, 20 * MS, 50);
        sim.health().markAlive(5 * SECOND);
        assertThat(sim.health().revivalShare(5 * SECOND)).isEqualTo(1.0);
        sim.health().onHeartbeatSent(5 * SECOND); // asked, never answered
        sim.health().markAlive(6 * SECOND); // down in between (1 s without an answer): a return
        assertThat(sim.health().revivalShare(6 * SECOND)).isEqualTo(RevivalRamp.START_SHARE);
        sim.health().markAlive(6200 * MS); // still up: no new ramp
        assertThat(sim.health().revivalShare(6200 * MS)).isCloseTo(0.19, offset(1e-9));
    }

    @Test
    void onALinkWithStretchedHeartbeatsTheRampSpansEightOfThem() {
        RevivalRamp ramp = new RevivalRamp();
        ramp.start(0);
        long interval = 700 * MS; // 8 of them: 5.6 s
        assertThat(ramp.share(2 * SECOND, interval)).isLessThan(0.5);
        assertThat(ramp.share(2800 * MS, interval)).isCloseTo(0.55, offset(1e-9));
        assertThat(ramp.share(5600 * MS, interval)).isEqualTo(1.0);
    }
}
