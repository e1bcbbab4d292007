package dev.chainlightning.link;

import static dev.chainlightning.link.SimulatedLink.TICK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeartbeatPacerTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Runs the control thread's ticks for {@code nanos}: a heartbeat on the link whenever its pacer says so. */
    private static int run(SimulatedLink sim, long from, long nanos, boolean followPeer) {
        int sent = 0;
        for (long t = from + TICK; t <= from + nanos; t += TICK) {
            sim.deliver(t);
            if (sim.link.pacer().isDue(t, followPeer)) {
                sim.sendHeartbeat(t);
                sim.link.pacer().onSent(t);
                sent++;
            }
            assertThat(sim.dead || sim.lastAnswerNanos == 0 || sim.health().isUp(t))
                    .as("up at %d ms", t / MS).isTrue();
        }
        return sent;
    }

    /** Bits per second heartbeats and their answers put on one direction of the link. */
    private static double heartbeatBps(int heartbeats, long nanos) {
        return heartbeats * (double) HeartbeatPacer.PAIR_BITS / (nanos / 1e9);
    }

    @Test
    void aHeartbeatAndItsAnswerAre106BytesOnTheWireEach() {
        assertThat(HeartbeatPacer.WIRE_BYTES).isEqualTo(16 + 32 + 16 + 42);
    }

    @Test
    void aFastLinkGetsAHeartbeatEveryTick() {
        SimulatedLink sim = new SimulatedLink(0, 20 * MS); // 10 Mbit/s estimate to start with
        assertThat(run(sim, 0, 60 * SECOND, false)).isEqualTo(600);
        assertThat(sim.link.pacer().intervalNanos()).isEqualTo(TICK);
        assertThat(heartbeatBps(600, 60 * SECOND) / 10e6).isLessThan(HeartbeatPacer.BUDGET_SHARE);
    }

    @Test
    void aSlowLinksHeartbeatsStayWithinOnePercentOfItsCapacity() {
        for (double mbit : new double[] {1.5, 0.5, 0.256, 0.064}) {
            SimulatedLink sim = new SimulatedLink(0, 40 * MS, mbit);
            long span = 120 * SECOND;
            int sent = run(sim, 0, span, false);
            double share = heartbeatBps(sent, span) / (mbit * 1e6);
            assertThat(share).as("%s Mbit/s", mbit).isLessThanOrEqualTo(HeartbeatPacer.BUDGET_SHARE * 1.01);
            // Not needlessly sparse either: the interval is the budget's, rounded up to a whole tick.
            double budgetNanos = HeartbeatPacer.PAIR_BITS * 1e9 / (HeartbeatPacer.BUDGET_SHARE * mbit * 1e6);
            assertThat(sim.link.pacer().intervalNanos()).as("%s Mbit/s", mbit)
                    .isGreaterThanOrEqualTo((long) budgetNanos).isLessThan((long) budgetNanos + TICK);
            assertThat(sim.health().state(span)).isEqualTo(LinkState.UP);
        }
    }

    @Test
    void downDetectionFollowsTheStretchedInterval() {
        SimulatedLink sim = new SimulatedLink(0, 40 * MS, 0.256); // heartbeats every 700 ms
        run(sim, 0, 10 * SECOND, false);
        long interval = sim.link.pacer().intervalNanos();
        assertThat(interval).isEqualTo(700 * MS);
        sim.dead = true;
        long lastAnswer = sim.lastAnswerNanos;
        // Three of its intervals pass before it is down, not three configured ones (300 ms).
        run(sim, 10 * SECOND, 3 * SECOND, false);
        assertThat(sim.lastAnswerNanos).isEqualTo(lastAnswer);
        assertThat(sim.health().isUp(lastAnswer + 3 * interval)).isTrue();
        assertThat(sim.health().isUp(lastAnswer + 3 * interval + 1)).isFalse();
    }

    @Test
    void whenTheIntervalShrinksAnswersStillOnTheWayAtTheOldPaceDoNotCountAsMissing() {
        SimulatedLink sim = new SimulatedLink(0, 250 * MS); // no configured rate: the estimate moves
        LinkCapacity capacity = sim.link.capacity();
        long now = 0;
        long received = 0;
        long sent = 0;
        // A full link whose rate collapses: it delivers 60% of the estimate with a queue, so the estimate
        // follows it down to its floor.
        for (int i = 0; i < 10_000 && capacity.capacityBps() > 100e3; i++) {
            now += 60 * MS;
            received += (long) (0.6 * capacity.capacityBps() / 8 * 0.06);
            sent += (long) (capacity.capacityBps() / 8 * 0.06);
            capacity.onFeedback(received, now, sent, 0, 20 * MS, now);
        }
        assertThat(capacity.capacityBps()).isLessThanOrEqualTo(100e3);
        run(sim, now, 20 * SECOND, false);
        now += 20 * SECOND;
        assertThat(sim.link.pacer().intervalNanos()).isGreaterThan(SECOND);
        // The estimate climbs back at once (no queue); heartbeats go every tick again, but the answer to the
        // last slow one is still 250 ms away and the one before it more than 300 ms old: not down for that.
        for (int i = 0; i < 10_000 && capacity.capacityBps() < 10e6; i++) {
            now += 60 * MS;
            capacity.onFeedback(received, now, sent, 0, 0, now);
        }
        run(sim, now, 10 * SECOND, false);
        assertThat(sim.link.pacer().intervalNanos()).isEqualTo(TICK);
    }

    @Test
    void theServerSendsNoFasterThanTheClientOnTheLink() {
        SimulatedLink sim = new SimulatedLink(0, 40 * MS);
        // The client's heartbeats carry its clock: 500 ms apart plus a little scheduling delay, one lost.
        long[] clientClock = {0, 503 * MS, 1005 * MS, 2006 * MS, 2510 * MS, 3011 * MS};
        for (long sent : clientClock) {
            sim.link.inbound().onArrival(sent, sent + 20 * MS);
        }
        assertThat(run(sim, 0, 10 * SECOND, true)).isEqualTo(20);
        assertThat(sim.link.pacer().intervalNanos()).isEqualTo(500 * MS);
        // The client paces by its own budget only, so the two ends cannot hold each other back.
        assertThat(run(new SimulatedLink(1, 40 * MS), 0, 10 * SECOND, false)).isEqualTo(100);
    }

    @Test
    void theServerStillUsesItsOwnBudgetWhenTheClientIsFaster() {
        SimulatedLink sim = new SimulatedLink(0, 40 * MS, 0.5); // 400 ms by its own budget
        for (long sent = 0; sent <= SECOND; sent += TICK) {
            sim.link.inbound().onArrival(sent, sent + 20 * MS);
        }
        run(sim, 0, 10 * SECOND, true);
        assertThat(sim.link.pacer().intervalNanos()).isEqualTo(400 * MS);
    }
}
