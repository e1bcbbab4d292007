package dev.chainlightning.sched;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.link.Link;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class StriperTest {
    private static final long HEARTBEAT = 100_000_000L;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 9);

    private static Link link(int id, double rate, long now) {
        Link link = new Link(id, "l" + id, rate, null, PEER, false, HEARTBEAT);
        link.health().markAlive(now);
        link.health().onHeartbeatSent(now); // asked from the start: it goes down when answers stop
        return link;
    }

    /**
     * Offers {@code packets} bulk packets of 1400 bytes from {@code now} on, paced at {@code mbit} (the
     * links' total): the way a sender that fills the bond but does not overrun it would. Links that
     * are up keep answering heartbeats meanwhile.
     */
    private static long[] stripe(Striper striper, int packets, long now, double mbit) {
        long[] bytes = new long[4];
        long spacing = (long) ((1400 + 42) * 8 / (mbit * 1e6) * 1e9);
        for (int i = 0; i < packets; i++) {
            long t = now + i * spacing;
            for (int id = 0; id <= striper.highestId(); id++) {
                Link link = striper.link(id);
                if (link.health().isUp(t)) {
                    link.health().markAlive(t);
                }
            }
            Link chosen = striper.pick(1400, t);
            bytes[chosen.id()] += 1400;
        }
        return bytes;
    }

    @Test
    void bytesFollowConfiguredRates() {
        Striper striper = new Striper();
        striper.register(link(0, 20, 0));
        striper.register(link(1, 30, 0));
        striper.register(link(2, 50, 0));
        long[] bytes = stripe(striper, 10_000, 0, 100);
        long total = bytes[0] + bytes[1] + bytes[2];
        assertThat((double) bytes[0] / total).isCloseTo(0.20, org.assertj.core.data.Offset.offset(0.001));
        assertThat((double) bytes[1] / total).isCloseTo(0.30, org.assertj.core.data.Offset.offset(0.001));
        assertThat((double) bytes[2] / total).isCloseTo(0.50, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void equalSharesWithoutRates() {
        Striper striper = new Striper();
        for (int i = 0; i < 3; i++) {
            striper.register(link(i, 0, 0));
        }
        // Unmeasured links start at 10 Mbit/s, paced at twice that while they start up: offered 60, the
        // links fill alike.
        long[] bytes = stripe(striper, 3000, 0, 60);
        assertThat(bytes[0]).isEqualTo(bytes[1]).isEqualTo(bytes[2]);
    }

    @Test
    void aDownLinkGetsNothingThenAGrowingShareAndNoCatchUpBurstWhenItReturns() {
        Striper striper = new Striper();
        Link steady = link(0, 50, 0);
        striper.register(steady);
        Link flaky = link(1, 50, 0);
        striper.register(flaky);
        long later = 10 * HEARTBEAT; // flaky's last answer is now far more than 3 heartbeats old
        keepAlive(steady, 0, later);
        long[] whileDown = stripe(striper, 1000, later, 50);
        assertThat(whileDown[1]).isZero();
        // The returning link is probed with a tenth of its capacity, rising (RevivalRamp): over the next
        // 1000 packets (about 0.2 s) it gets a tenth or so of them, not half, and not a burst.
        long drained = later + 250_000_000L;
        keepAlive(steady, later, drained);
        flaky.health().markAlive(drained);
        long[] afterReturn = stripe(striper, 1000, drained, 55);
        assertThat(afterReturn[1]).isBetween(30L * 1400, 200L * 1400);
        // Two and a half seconds on, the ramp is over: half each.
        long ramped = drained + 2_500_000_000L;
        keepAlive(steady, drained, ramped);
        keepAlive(flaky, drained, ramped);
        long[] afterRamp = stripe(striper, 100, ramped, 100);
        assertThat(afterRamp[1]).isBetween(49L * 1400, 51L * 1400);
    }

    /** Heartbeat answers every 100 ms from {@code from} to {@code to}: the link stays up. */
    private static void keepAlive(Link link, long from, long to) {
        for (long t = from; t <= to; t += HEARTBEAT) {
            link.health().markAlive(t);
        }
        link.health().markAlive(to);
    }

    private static Striper nearAndFar() {
        Striper striper = new Striper();
        Link near = link(0, 10, 0);
        Link far = link(1, 10, 0);
        near.health().onAck(0, 10_000_000L);  // 10 ms round trip: 5 ms one way
        far.health().onAck(0, 60_000_000L);   // 60 ms round trip: 30 ms one way
        long now = 60_000_000L;
        near.health().markAlive(now);
        far.health().markAlive(now);
        striper.register(near);
        striper.register(far);
        return striper;
    }

    @Test
    void expressPacketsPreferTheNearLinkUntilItsQueueMakesThemLaterThanOnTheFarOne() {
        Striper striper = nearAndFar();
        long now = 60_000_000L;
        // 25 ms of difference at 10 Mbit/s is about 31 KB: the near link takes the first ~21 packets alone.
        long[] first = new long[2];
        for (int i = 0; i < 20; i++) {
            first[striper.pickExpress(1400, now).id()] += 1400;
        }
        assertThat(first[0]).isEqualTo(20 * 1400);
        long[] next = new long[2];
        for (int i = 0; i < 200; i++) {
            next[striper.pickExpress(1400, now).id()] += 1400;
        }
        assertThat(next[1]).isPositive();
        assertThat(Math.abs(next[0] - next[1])).isLessThanOrEqualTo(30 * 1400);
    }

    @Test
    void bulkPacketsShareByCapacityWhateverTheDelayBecauseTheReceiverAlignsThem() {
        Striper striper = nearAndFar();
        long[] bytes = stripe(striper, 20, 60_000_000L, 20);
        assertThat(bytes[0]).isEqualTo(10 * 1400);
        assertThat(bytes[1]).isEqualTo(10 * 1400);
    }

    @Test
    void parityGoesWhereItCostsTheOtherLinksNothing() {
        Striper striper = new Striper();
        for (int i = 0; i < 3; i++) {
            striper.register(link(i, 10 * (i + 1), 0));
        }
        int[] data = new int[Striper.MAX_LINKS];
        int[] parity = new int[Striper.MAX_LINKS];
        // 10 data packets spread 2/3/5 and 3 parity: link 2 cannot survive its own death anyway,
        // so parity goes there and links 0 and 1 each stay at or under 3 packets of the group.
        data[0] = 2;
        data[1] = 3;
        data[2] = 5;
        for (int j = 0; j < 3; j++) {
            Link chosen = striper.pickForParity(1400, 0, data, parity, 3);
            parity[chosen.id()]++;
        }
        assertThat(parity[2]).isEqualTo(3);
        // 3 data packets, one per link, and 2 parity: no link is a lost cause, so parity is spread
        // onto the links with the fewest packets of the group.
        java.util.Arrays.fill(parity, 0);
        data[0] = 1;
        data[1] = 1;
        data[2] = 1;
        for (int j = 0; j < 2; j++) {
            Link chosen = striper.pickForParity(1400, 0, data, parity, 2);
            parity[chosen.id()]++;
        }
        assertThat(parity[0] + parity[1] + parity[2]).isEqualTo(2);
        assertThat(Math.max(parity[0], Math.max(parity[1], parity[2]))).isEqualTo(1);
    }

    @Test
    void noLinkUpMeansNoLink() {
        Striper striper = new Striper();
        striper.register(new Link(0, "never answered", 10, null, PEER, false, HEARTBEAT));
        assertThat(striper.pick(100, 0)).isNull();
    }

    @Test
    void pacingHandsALinkNoMoreThanItsRateAllowsAndSaysWhenItHasRoomAgain() {
        Striper striper = new Striper();
        striper.register(link(0, 10, 0)); // configured 10 Mbit/s: paced at exactly that
        long now = 1;
        int taken = 0;
        while (striper.pickPaced(1400, now, 0) != null) {
            taken++;
        }
        // Within the horizon: 3 ms at 10 Mbit/s is 3750 bytes, so three 1442-byte packets (the third
        // starts inside it), never a fourth; the link has room again when its backlog of 4326 bytes
        // (3.4608 ms) is down to 3 ms.
        assertThat(taken).isEqualTo(3);
        long wait = striper.paceWaitNanos();
        assertThat(wait).isBetween(460_000L, 461_600L);
        assertThat(striper.pickPaced(1400, now + wait - 100_000, 0)).isNull();
        assertThat(striper.pickPaced(1400, now + wait + 1_000, 0)).isNotNull();
    }

    @Test
    void pacedPicksOverTimeCarryTheLinksRatesAndNoMore() {
        Striper striper = new Striper();
        striper.register(link(0, 20, 0));
        striper.register(link(1, 30, 0));
        long[] bytes = new long[2];
        long step = 10_000; // a sender that always has a packet ready, looking every 10 us for 1 s
        for (long t = 1; t < 1_000_000_000L; t += step) {
            for (int id = 0; id < 2; id++) {
                striper.link(id).health().markAlive(t);
            }
            Link chosen;
            while ((chosen = striper.pickPaced(1400, t, 0)) != null) {
                bytes[chosen.id()] += 1400 + dev.chainlightning.link.LinkCounters.FRAMING_BYTES;
            }
        }
        assertThat(bytes[0] * 8 / 1e6).isCloseTo(20, org.assertj.core.data.Offset.offset(0.2));
        assertThat(bytes[1] * 8 / 1e6).isCloseTo(30, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void pacingWithNoLinkUpAsksForNoWait() {
        Striper striper = new Striper();
        striper.register(new Link(0, "never answered", 10, null, PEER, false, HEARTBEAT));
        assertThat(striper.pickPaced(100, 0, 0)).isNull();
        assertThat(striper.paceWaitNanos()).isZero();
    }
}
