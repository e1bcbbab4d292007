package dev.chainlightning.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkCapacityTest {
    private static final long MS = 1_000_000L;

    private long received;
    private long sent;
    private long now;

    /**
     * Feeds {@code seconds} of reports every 100 ms: we send {@code offeredMbit}, the link delivers
     * {@code mbit} with {@code queueMs} of queue.
     */
    private void feed(LinkCapacity capacity, double offeredMbit, double mbit, long queueMs, int seconds) {
        for (int i = 0; i < seconds * 10; i++) {
            feed100ms(capacity, offeredMbit, mbit, queueMs);
        }
    }

    @Test
    void aFullLinkComesDownToWhatItDelivers() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 9, 9, 0, 1);     // the estimate probes up from 10 Mbit/s while 9 get through
        feed(capacity, 12, 12, 20, 5);  // then the link tops out at 12 with a standing queue
        assertThat(capacity.capacityBps() / 1e6).isBetween(11.5, 14.0);
    }

    @Test
    void sendingMoreThanArrivesSaysTheLinkIsFullEvenWithoutAQueue() {
        LinkCapacity capacity = new LinkCapacity(40);
        feed(capacity, 30, 12, 0, 5);   // a bottleneck that drops rather than queues: 12 of 30 get through
        assertThat(capacity.capacityBps() / 1e6).isBetween(11.5, 14.0);
    }

    @Test
    void aSlowLineEstimatedFarTooHighIsFoundOutEvenThoughWeUseLittleOfTheEstimate() {
        // A 1 Mbit/s ADSL upstream starts at the 10 Mbit/s default; express packets (ACKs) offer it 3.
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 3, 1, 0, 3);
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(1, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aQueueOnALinkWeBarelyUseDoesNotTakeItsEstimateDown() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 0.02, 0.02, 30, 10); // heartbeats only, and a jittery line that looks queued
        assertThat(capacity.capacityBps() / 1e6).isGreaterThanOrEqualTo(10.0);
    }

    @Test
    void aSenderSpeedingUpOnALongLinkIsNotTakenForAFullOne() {
        // 120 ms round trip, 50 Mbit/s link: we ramp from 5 to 40 Mbit/s, and the peer's reports show
        // each rate one round trip later, all of it arriving. Compared with what we sent by now it
        // looks like 30-100% more going in than coming out; compared with what we sent one round trip
        // ago it is exactly what arrives.
        LinkCapacity capacity = new LinkCapacity(50);
        long rtt = 120 * MS;
        double[] rateAt = new double[100];
        for (int i = 0; i < rateAt.length; i++) {
            rateAt[i] = Math.min(40, 5 * Math.pow(1.25, i)); // Mbit/s during interval i
        }
        long sentTotal = 0;
        long receivedTotal = 0;
        for (int i = 0; i < rateAt.length; i++) {
            now += 100 * MS;
            sentTotal += (long) (rateAt[i] * 1e6 / 8 / 10);
            int lagged = i - (int) (rtt / (100 * MS)) - 1;
            receivedTotal += lagged >= 0 ? (long) (rateAt[lagged] * 1e6 / 8 / 10) : 0;
            capacity.onFeedback(receivedTotal, now, sentTotal, rtt, 0, now);
            assertThat(capacity.capacityBps()).as("estimate after %d reports", i + 1).isEqualTo(50e6);
        }
    }

    @Test
    void startupPacesAtTwiceTheEstimateUntilTheLinkIsFirstFoundFull() {
        LinkCapacity capacity = new LinkCapacity(0);
        assertThat(capacity.pacingBps()).isEqualTo(2 * capacity.capacityBps());
        feed(capacity, 20, 20, 0, 1);   // everything offered arrives: the estimate follows it up
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(20, org.assertj.core.data.Offset.offset(0.5));
        assertThat(capacity.pacingBps()).isEqualTo(2 * capacity.capacityBps());
        feed(capacity, 40, 30, 20, 1);  // a queue: full at 30
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(30, org.assertj.core.data.Offset.offset(0.5));
        assertThat(capacity.pacingBps()).as("drains after finding the link full").isLessThan(capacity.capacityBps());
    }

    @Test
    void afterStartupItProbesOneIntervalInEightAndDrainsTheNext() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 40, 30, 20, 1);  // full at once: 30 Mbit/s
        double estimate = capacity.capacityBps();
        java.util.List<Double> gains = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            feed100ms(capacity, 30, 30, 0);
            gains.add(Math.round(capacity.pacingBps() / estimate * 100) / 100.0);
        }
        assertThat(capacity.capacityBps()).isEqualTo(estimate);
        assertThat(gains).containsOnly(1.2, 0.8, 1.0);
        assertThat(gains.stream().filter(g -> g == 1.2).count()).isEqualTo(2);
        int probe = gains.indexOf(1.2);
        assertThat(gains.get(probe + 1)).isEqualTo(0.8);
    }

    @Test
    void aProbeThatGetsThroughRaisesTheEstimate() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 40, 30, 20, 1);
        feed(capacity, 33, 33, 0, 1);   // the link carried more than the estimate without a queue
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(33, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void aRateDropIsFollowedWithinAFewReports() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 100, 100, 0, 1);
        feed(capacity, 120, 100, 20, 1); // 100 Mbit/s, full
        for (int i = 0; i < 4; i++) {
            feed100ms(capacity, 100, 60, 30); // like Starlink's step down to 60 %
        }
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(60, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void aConfiguredRateCapsPacingEvenWhileProbing() {
        LinkCapacity capacity = new LinkCapacity(20);
        for (int i = 0; i < 16; i++) {
            feed100ms(capacity, 20, 20, 0);
            assertThat(capacity.pacingBps()).isLessThanOrEqualTo(20e6);
        }
    }

    private void feed100ms(LinkCapacity capacity, double offeredMbit, double mbit, long queueMs) {
        now += 100 * MS;
        received += (long) (mbit * 1e6 / 8 / 10);
        sent += (long) (offeredMbit * 1e6 / 8 / 10);
        capacity.onFeedback(received, now, sent, 0, queueMs * MS, now);
    }

    @Test
    void aProbeThatGetsThroughStartsTheSearchAgainSoAFasterLineIsFoundInASecondOrTwo() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 12, 5, 20, 1); // full at 5 Mbit/s: out of startup
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(5, org.assertj.core.data.Offset.offset(0.5));
        // The line is 100 Mbit/s now, and we always have enough to send at the pacing rate.
        for (int i = 0; i < 30; i++) {
            double carried = Math.min(capacity.pacingBps() / 1e6, 100);
            feed100ms(capacity, carried, carried, 0);
        }
        assertThat(capacity.capacityBps() / 1e6).as("after 3 s").isGreaterThan(90);
    }

    @Test
    void deliveriesCountedInBurstsDoNotRaiseTheEstimateAboveWhatWeOffered() {
        // A 20 Mbit/s line we fill exactly; the peer's receive thread stalls now and then and counts
        // the stalled interval's packets in the next one: reports swing between 11 and 29.
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 25, 20, 20, 1); // full at 20: out of startup
        for (int i = 0; i < 40; i++) {
            feed100ms(capacity, 20, i % 2 == 0 ? 29 : 11, 0);
        }
        assertThat(capacity.capacityBps() / 1e6).as("estimate of a 20 Mbit/s line").isLessThanOrEqualTo(20.5);
    }

    @Test
    void eachProbingPhaseLastsARoundTripSoItsEffectIsInTheReportsThatJudgeIt() {
        LinkCapacity capacity = new LinkCapacity(0);
        long rtt = 300 * MS;
        java.util.List<Double> gains = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            now += 100 * MS;
            received += (long) (30e6 / 8 / 10);
            sent += (long) ((i < 10 ? 40e6 : 30e6) / 8 / 10);
            capacity.onFeedback(received, now, sent, rtt, (i < 10 ? 20 : 0) * MS, now);
            if (i >= 10) {
                gains.add(Math.round(capacity.pacingBps() / capacity.capacityBps() * 100) / 100.0);
            }
        }
        // Reports come every 100 ms and the round trip is 300 ms: each probe and drain spans three.
        int probe = gains.indexOf(1.2);
        assertThat(probe).as("a probe within the 5 s").isNotNegative();
        assertThat(gains.subList(probe, probe + 3)).containsOnly(1.2);
        assertThat(gains.subList(probe + 3, probe + 6)).containsOnly(0.8);
    }

    @Test
    void startupGoesOnThroughAQueueWhileTheLinkCarriesWhatWeOffer() {
        // A cold peer lags in its first second, so reports show a queue though everything arrives.
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 20, 20, 20, 1);
        assertThat(capacity.pacingBps()).as("still in startup").isEqualTo(2 * capacity.capacityBps());
        feed(capacity, 40, 30, 20, 1); // now it carries clearly less than offered: full at 30
        assertThat(capacity.capacityBps() / 1e6).isCloseTo(30, org.assertj.core.data.Offset.offset(0.5));
        assertThat(capacity.pacingBps()).isLessThan(capacity.capacityBps());
    }
}
