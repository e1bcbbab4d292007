package dev.chainlightning.link;

import static dev.chainlightning.link.SimulatedLink.TICK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkGraderTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    /** Links, a grader and a clock: every tick each link answers what arrived, sends a heartbeat, and all are graded. */
    private static final class Bench {
        final SimulatedLink[] sims;
        final Link[] links;
        final LinkGrader grader;
        long now;

        Bench(LinkGrader grader, SimulatedLink... sims) {
            this.grader = grader;
            this.sims = sims;
            this.links = new Link[sims.length];
            for (int i = 0; i < sims.length; i++) {
                links[i] = sims[i].link;
            }
        }

        Bench(SimulatedLink... sims) {
            this(new LinkGrader(0.7, 0.3), sims);
        }

        void run(long nanos) {
            long end = now + nanos;
            while (now < end) {
                now += TICK;
                for (SimulatedLink sim : sims) {
                    sim.tick(now);
                }
                grader.grade(links, links.length, now);
            }
        }

        LinkState state(int i) {
            return sims[i].health().state(now);
        }
    }

    @Test
    void nextToAFastLinkALinkIsDegradedAt200MsMore() {
        Bench bench = new Bench(new SimulatedLink(0, 20 * MS), new SimulatedLink(1, 300 * MS), new SimulatedLink(2, 120 * MS));
        bench.run(3 * SECOND);
        assertThat(bench.state(0)).isEqualTo(LinkState.UP);
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED); // 280 ms more
        assertThat(bench.state(2)).isEqualTo(LinkState.UP); // 6 times the best but only 100 ms more: a bond to use
        assertThat(bench.sims[1].health().score()).isCloseTo(0.7 * 280 / 100, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void onLongLinksTheRatioDecides() {
        Bench bench = new Bench(new SimulatedLink(0, 100 * MS), new SimulatedLink(1, 290 * MS), new SimulatedLink(2, 310 * MS));
        bench.run(3 * SECOND);
        assertThat(bench.state(1)).isEqualTo(LinkState.UP);
        assertThat(bench.state(2)).isEqualTo(LinkState.DEGRADED);
    }

    @Test
    void aDegradedLinkInsideTheBandStaysDegradedAndComesBackOnlyAfterTheHold() {
        Bench bench = new Bench(new SimulatedLink(0, 20 * MS), new SimulatedLink(1, 300 * MS));
        bench.run(2 * SECOND);
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
        // Better, but not good: 180 ms is a score of 1.12, between exit (0.7) and enter (1.4). No flapping back.
        bench.sims[1].rttNanos = 180 * MS;
        for (int i = 0; i < 300; i++) {
            bench.run(TICK);
            assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
        }
        // Good again (30 ms: score 0.28): still degraded for the hold, then up.
        bench.sims[1].rttNanos = 30 * MS;
        bench.run(TICK);
        long goodFrom = bench.now;
        while (bench.now - goodFrom < DegradedHysteresis.HOLD_NANOS - TICK) {
            assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
            bench.run(TICK);
        }
        bench.run(2 * TICK);
        assertThat(bench.state(1)).isEqualTo(LinkState.UP);
    }

    @Test
    void aLinkThatLosesTwentyPercentOfHeartbeatsIsDegradedAndFivePercentIsNot() {
        SimulatedLink clean = new SimulatedLink(0, 30 * MS);
        SimulatedLink lossy = new SimulatedLink(1, 30 * MS);
        SimulatedLink slightly = new SimulatedLink(2, 30 * MS);
        lossy.lost = n -> n % 5 == 3;
        slightly.lost = n -> n % 20 == 7;
        Bench bench = new Bench(clean, lossy, slightly);
        bench.run(4 * SECOND);
        // Too few heartbeats yet to tell 20% from bad luck.
        assertThat(bench.state(1)).isEqualTo(LinkState.UP);
        bench.run(8 * SECOND);
        assertThat(lossy.health().recentLoss()).isCloseTo(0.20, org.assertj.core.data.Offset.offset(0.02));
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
        assertThat(bench.state(2)).isEqualTo(LinkState.UP);
        assertThat(bench.state(0)).isEqualTo(LinkState.UP);
    }

    @Test
    void lossIsJudgedOverTheLastSecondsNotTheLinksLifetime() {
        SimulatedLink clean = new SimulatedLink(0, 30 * MS);
        SimulatedLink lossy = new SimulatedLink(1, 30 * MS);
        lossy.lost = n -> n % 3 == 0;
        Bench bench = new Bench(clean, lossy);
        bench.run(30 * SECOND);
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
        assertThat(lossy.health().recentLoss()).isCloseTo(0.33, org.assertj.core.data.Offset.offset(0.02));
        // The line heals. A lifetime average would still say 20% after 20 clean seconds; the window forgets.
        lossy.lost = n -> false;
        bench.run(11 * SECOND);
        assertThat(lossy.health().recentLoss()).isZero();
        bench.run(DegradedHysteresis.HOLD_NANOS);
        assertThat(bench.state(1)).isEqualTo(LinkState.UP);
    }

    @Test
    void theWeightsShapeTheScore() {
        // 180 ms against 20 ms: a score of 1.12 at rtt_weight 0.7, below the line; twice the weight crosses it.
        Bench normal = new Bench(new SimulatedLink(0, 20 * MS), new SimulatedLink(1, 180 * MS));
        Bench rttHeavy = new Bench(new LinkGrader(1.4, 0.3), new SimulatedLink(0, 20 * MS), new SimulatedLink(1, 180 * MS));
        normal.run(2 * SECOND);
        rttHeavy.run(2 * SECOND);
        assertThat(normal.state(1)).isEqualTo(LinkState.UP);
        assertThat(rttHeavy.state(1)).isEqualTo(LinkState.DEGRADED);

        // Weight 0 leaves a measure out entirely.
        Bench rttIgnored = new Bench(new LinkGrader(0, 0.3), new SimulatedLink(0, 20 * MS), new SimulatedLink(1, 500 * MS));
        rttIgnored.run(3 * SECOND);
        assertThat(rttIgnored.state(1)).isEqualTo(LinkState.UP);
        SimulatedLink lossy = new SimulatedLink(1, 20 * MS);
        lossy.lost = n -> n % 4 == 0;
        Bench lossIgnored = new Bench(new LinkGrader(0.7, 0), new SimulatedLink(0, 20 * MS), lossy);
        lossIgnored.run(12 * SECOND);
        assertThat(lossIgnored.state(1)).isEqualTo(LinkState.UP);
    }

    @Test
    void rttAndLossAddUp() {
        // Neither alone crosses the line (0.7 × 160/100 = 1.12; 0.3 × 5 points / 3 = 0.5), together they do (1.62).
        SimulatedLink both = new SimulatedLink(1, 180 * MS);
        both.lost = n -> n % 20 == 5;
        Bench bench = new Bench(new SimulatedLink(0, 20 * MS), both);
        bench.run(12 * SECOND);
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
    }

    @Test
    void whenTheBestLinkGoesDownTheNextBestIsUpAtOnce() {
        SimulatedLink best = new SimulatedLink(0, 20 * MS);
        Bench bench = new Bench(best, new SimulatedLink(1, 300 * MS));
        bench.run(2 * SECOND);
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
        best.dead = true;
        bench.run(5 * TICK); // three intervals without an answer, and a little
        assertThat(bench.state(0)).isEqualTo(LinkState.DOWN);
        assertThat(bench.state(1)).isEqualTo(LinkState.UP); // the best there is, no hold
        // The best link returns: the other is degraded again, and the returning one not for its outage.
        best.dead = false;
        bench.run(2 * SECOND);
        assertThat(bench.state(0)).isEqualTo(LinkState.UP);
        assertThat(bench.state(1)).isEqualTo(LinkState.DEGRADED);
    }

    @Test
    void anOutageIsNotLineLossSoALinkBackFromACutIsNotDegraded() {
        SimulatedLink steady = new SimulatedLink(0, 30 * MS);
        SimulatedLink cut = new SimulatedLink(1, 30 * MS);
        Bench bench = new Bench(steady, cut);
        bench.run(8 * SECOND);
        cut.dead = true; // its last answered heartbeats, then three unanswered ones before it counts as down
        bench.run(SECOND);
        assertThat(bench.state(1)).isEqualTo(LinkState.DOWN);
        cut.dead = false;
        bench.run(3 * SECOND);
        assertThat(cut.health().recentLoss()).isZero();
        assertThat(bench.state(1)).isEqualTo(LinkState.UP);
    }

    @Test
    void aLoneLinkIsNeverDegraded() {
        SimulatedLink lone = new SimulatedLink(0, 600 * MS);
        lone.lost = n -> n % 5 == 0;
        Bench bench = new Bench(lone);
        bench.run(15 * SECOND);
        assertThat(bench.state(0)).isEqualTo(LinkState.UP);
        assertThat(lone.health().score()).isZero();
    }

    @Test
    void gradingAllocatesNothing() {
        Bench bench = new Bench(new SimulatedLink(0, 20 * MS), new SimulatedLink(1, 100 * MS));
        bench.run(12 * SECOND);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) {
                bench.grader.grade(bench.links, bench.links.length, bench.now);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertThat(allocated).isLessThan(1024);
            }
        }
    }
}
