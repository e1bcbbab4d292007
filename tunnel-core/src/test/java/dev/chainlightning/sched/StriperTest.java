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
        return link;
    }

    private static long[] stripe(Striper striper, int packets, long now) {
        long[] bytes = new long[4];
        for (int i = 0; i < packets; i++) {
            Link chosen = striper.pick(1400, now);
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
        long[] bytes = stripe(striper, 10_000, 0);
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
        long[] bytes = stripe(striper, 3000, 0);
        assertThat(bytes[0]).isEqualTo(bytes[1]).isEqualTo(bytes[2]);
    }

    @Test
    void aDownLinkGetsNothingAndNoBurstWhenItReturns() {
        Striper striper = new Striper();
        striper.register(link(0, 50, 0));
        Link flaky = link(1, 50, 0);
        striper.register(flaky);
        long later = 10 * HEARTBEAT; // flaky's last answer is now far more than 3 heartbeats old
        striper.link(0).health().markAlive(later);
        long[] whileDown = stripe(striper, 1000, later);
        assertThat(whileDown[1]).isZero();
        flaky.health().markAlive(later);
        // Back up: it gets its half from now on, not the 1000 packets it "missed".
        long[] afterReturn = stripe(striper, 100, later);
        assertThat(afterReturn[1]).isBetween(49L * 1400, 51L * 1400);
    }

    @Test
    void noLinkUpMeansNoLink() {
        Striper striper = new Striper();
        striper.register(new Link(0, "never answered", 10, null, PEER, false, HEARTBEAT));
        assertThat(striper.pick(100, 0)).isNull();
    }
}
