package dev.chainlightning.testbed.emu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.testbed.emu.EmulationProfile.Direction;
import dev.chainlightning.testbed.emu.EmulationProfile.Phase;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The emulator's pure parts, driven by an explicit clock (nanoseconds passed in). */
class LinkEmulatorUnitTest {

    private static final long MS = 1_000_000;

    @Test
    void rateLimiterSpacesPacketsAtTheRate() {
        RateLimiter r = new RateLimiter();
        long bound = RateLimiter.queueBoundBytes(8e6); // 8 Mbit/s: 1000 bytes per ms
        assertThat(r.admit(0, 1000, 8e6, bound)).isEqualTo(1 * MS);
        assertThat(r.admit(0, 1000, 8e6, bound)).isEqualTo(2 * MS);
        // idle link: departure counts from the arrival, not from the last departure
        assertThat(r.admit(10 * MS, 500, 8e6, bound)).isEqualTo(10 * MS + MS / 2);
    }

    @Test
    void rateLimiterDropsAtTheTailWhenTheQueueIsFull() {
        RateLimiter r = new RateLimiter();
        long bound = 10_000;
        int admitted = 0;
        int dropped = 0;
        for (int k = 0; k < 30; k++) {
            if (r.admit(0, 1000, 8e6, bound) == RateLimiter.DROP) {
                dropped++;
            } else {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(10);
        assertThat(dropped).isEqualTo(20);
        // after 5 ms, 5 packets have left: room for 5 more
        int later = 0;
        for (int k = 0; k < 10; k++) {
            if (r.admit(5 * MS, 1000, 8e6, bound) != RateLimiter.DROP) {
                later++;
            }
        }
        assertThat(later).isEqualTo(5);
    }

    @Test
    void defaultQueueBoundIs50msAtLeast20Packets() {
        assertThat(RateLimiter.queueBoundBytes(100e6)).isEqualTo(625_000);
        assertThat(RateLimiter.queueBoundBytes(1e6)).isEqualTo(30_000);
    }

    @Test
    void delayLineIsAFifoThatReleasesOnlyWhenDue() {
        DelayLine line = new DelayLine(2, 8);
        for (int k = 0; k < 5; k++) {
            assertThat(line.offer(k * MS, ByteBuffer.wrap(new byte[] {(byte) k, 42}))).isTrue();
        }
        ByteBuffer out = ByteBuffer.allocateDirect(DelayLine.SLOT_BYTES);
        assertThat(line.headTime()).isZero();
        assertThat(line.pollDue(2 * MS, out)).isTrue();
        assertThat(out.get(0)).isEqualTo((byte) 0);
        assertThat(out.remaining()).isEqualTo(2);
        assertThat(line.pollDue(2 * MS, out)).isTrue();
        assertThat(line.pollDue(2 * MS, out)).isTrue();
        assertThat(out.get(0)).isEqualTo((byte) 2);
        assertThat(line.pollDue(2 * MS, out)).isFalse();
        assertThat(line.headTime()).isEqualTo(3 * MS);
        assertThat(line.size()).isEqualTo(2);
    }

    @Test
    void delayLineRefusesBeyondCapacityAndDecreasingTimes() {
        DelayLine line = new DelayLine(2, 4);
        for (int k = 0; k < 4; k++) {
            assertThat(line.offer(10, ByteBuffer.wrap(new byte[1]))).isTrue();
        }
        assertThat(line.offer(10, ByteBuffer.wrap(new byte[1]))).isFalse();
        assertThatThrownBy(() -> line.offer(5, ByteBuffer.wrap(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gilbertElliottLossIsBurstyWithTheExpectedMean() {
        GilbertElliott ge = new GilbertElliott(0.01, 0.2, 0.8);
        LossModel model = new LossModel(0, ge, new SplittableRandom(7));
        int n = 1_000_000;
        int lost = 0;
        int runs = 0;
        boolean previous = false;
        for (int k = 0; k < n; k++) {
            boolean drop = model.drop();
            if (drop) {
                lost++;
                if (!previous) {
                    runs++;
                }
            }
            previous = drop;
        }
        double share = lost / (double) n;
        assertThat(ge.meanLoss()).isCloseTo(0.8 * 0.01 / 0.21, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(share).isCloseTo(ge.meanLoss(), org.assertj.core.data.Offset.offset(0.002));
        // independent loss of the same mean would give runs of about 1.04 packets
        assertThat(lost / (double) runs).as("mean loss burst length").isGreaterThan(2.0);
    }

    @Test
    void randomLossMatchesItsPercentage() {
        LossModel model = new LossModel(5, null, new SplittableRandom(1));
        int lost = 0;
        for (int k = 0; k < 200_000; k++) {
            lost += model.drop() ? 1 : 0;
        }
        assertThat(lost / 200_000.0).isBetween(0.048, 0.052);
    }

    @Test
    void jitterNeverReordersAndKeepsTheMeanDelayClose() {
        Direction d = new Direction(0, 40, 8, 0);
        LinkDirection dir = new LinkDirection(d, new Schedule(List.of()), 0, new SplittableRandom(3));
        long last = Long.MIN_VALUE;
        double sumDelay = 0;
        int n = 100_000;
        for (int k = 0; k < n; k++) {
            long now = k * 100_000L; // 10 000 packets/s
            long release = dir.releaseTime(now, 1000);
            assertThat(release).isGreaterThanOrEqualTo(last);
            last = release;
            sumDelay += release - now;
        }
        double meanMs = sumDelay / n / MS;
        System.out.printf("jitter 8 ms at 10 kpps: mean one-way delay %.2f ms (configured 40)%n", meanMs);
        assertThat(meanMs).isBetween(39.0, 46.0);
    }

    @Test
    void jitterSpreadMatchesSigmaForSparsePackets() {
        Jitter j = new Jitter(5, new SplittableRandom(11));
        double sum = 0;
        double sq = 0;
        int n = 20_000;
        for (int k = 0; k < n; k++) {
            double v = j.offset(k * 100 * MS) / (double) MS; // 100 ms apart: uncorrelated
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertThat(mean).isBetween(-0.2, 0.2);
        assertThat(sd).isBetween(4.7, 5.3);
    }

    @Test
    void scheduleRepeatsAndOutagesDropEverything() {
        List<Phase> phases = List.of(Phase.rate(100, 1.0), Phase.outage(10), Phase.rate(90, 0.5));
        Schedule s = new Schedule(phases);
        assertThat(s.at(50 * MS).rateFactor()).isEqualTo(1.0);
        assertThat(s.at(105 * MS).outage()).isTrue();
        assertThat(s.at(150 * MS).rateFactor()).isEqualTo(0.5);
        assertThat(s.at(205 * MS).outage()).isFalse();
        assertThat(s.at(305 * MS).outage()).isTrue();

        LinkDirection dir = new LinkDirection(new Direction(8, 0, 0, 0), s, 0, new SplittableRandom(1));
        assertThat(dir.releaseTime(105 * MS, 1000)).isEqualTo(LinkDirection.DROP);
        // half rate in the third phase: 1000 bytes take 2 ms at 4 Mbit/s
        assertThat(dir.releaseTime(150 * MS, 1000)).isEqualTo(152 * MS);
    }

    @Test
    void profilesRoundTripThroughTheirArguments() {
        for (String name : EmulationProfile.NAMES) {
            EmulationProfile p = EmulationProfile.named(name);
            List<String> args = p.toArgs();
            Direction up = Direction.parse(args.get(args.indexOf("--up") + 1));
            Direction down = Direction.parse(args.get(args.indexOf("--down") + 1));
            assertThat(up).isEqualTo(p.up());
            assertThat(down).isEqualTo(p.down());
            assertThat(args.stream().filter("--phase"::equals).count()).isEqualTo(p.schedule().size());
        }
        assertThat(Phase.parse("150:outage")).isEqualTo(Phase.outage(150));
        assertThat(EmulationProfile.fixed(20, 10).up()).isEqualTo(new Direction(20, 10, 0, 0));
        assertThatThrownBy(() -> EmulationProfile.named("dialup"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fiber, cable, adsl, lte, starlink");
    }

    @Test
    void lteLosesAboutOnePercent() {
        Direction lte = EmulationProfile.named("lte").down();
        LossModel model = new LossModel(lte.lossPercent(), lte.burst(), new SplittableRandom(5));
        int lost = 0;
        int n = 1_000_000;
        for (int k = 0; k < n; k++) {
            lost += model.drop() ? 1 : 0;
        }
        assertThat(lost / (double) n).isBetween(0.008, 0.012);
    }

    @Test
    void wakeUpLeadFollowsTheLatenessWithinBounds() {
        WakeUpLead lead = new WakeUpLead();
        // a thread that always wakes 200 us after it asked to: lateness = 200 us - lead
        for (int k = 0; k < 500; k++) {
            lead.observe(200_000 - lead.nanos());
        }
        assertThat(lead.nanos()).isBetween(195_000L, 200_000L);
        for (int k = 0; k < 500; k++) {
            lead.observe(10_000_000);
        }
        assertThat(lead.nanos()).isEqualTo(WakeUpLead.MAX_LEAD_NANOS);
        for (int k = 0; k < 500; k++) {
            lead.observe(-10_000_000);
        }
        assertThat(lead.nanos()).isZero();
    }
}
