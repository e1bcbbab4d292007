package dev.chainlightning.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HandshakeLimiterTest {
    private static final long MS = 1_000_000L;
    private final HandshakeLimiter limiter = new HandshakeLimiter();

    @Test
    void aFewHandshakesASecondAreNoLoadAFloodIs() {
        for (int i = 0; i < HandshakeLimiter.LOAD_PER_SECOND; i++) {
            assertThat(limiter.underLoad(i * 10 * MS)).isFalse();
        }
        assertThat(limiter.underLoad(HandshakeLimiter.LOAD_PER_SECOND * 10 * MS)).isTrue();
        // Two quiet seconds later the load is gone.
        assertThat(limiter.underLoad(3000 * MS)).isFalse();
    }

    @Test
    void oneHandshakeEveryTwoSecondsForAnHourIsNeverLoad() {
        for (long t = 0; t < 3600_000 * MS; t += 2000 * MS) {
            assertThat(limiter.underLoad(t)).isFalse();
        }
    }

    @Test
    void eachSourceGetsItsBurstThenItsRate() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("198.51.100.2");
        for (int i = 0; i < HandshakeLimiter.PER_SOURCE_BURST; i++) {
            assertThat(limiter.allow(a, 0)).isTrue();
        }
        assertThat(limiter.allow(a, 0)).isFalse();
        assertThat(limiter.allow(b, 0)).as("another source is not held back").isTrue();
        long oneToken = 1000 * MS / HandshakeLimiter.PER_SOURCE_PER_SECOND;
        assertThat(limiter.allow(a, oneToken)).isTrue();
        assertThat(limiter.allow(a, oneToken)).isFalse();
    }

    @Test
    void cookieRepliesAreFewPerSourceAndInAll() throws Exception {
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        int replies = 0;
        for (int i = 0; i < 10_000; i++) {
            replies += limiter.allowCookieReply(flooder, i * 100_000L) ? 1 : 0; // 10,000 in one second
        }
        assertThat(replies).as("replies to one source in a second").isBetween(HandshakeLimiter.REPLIES_PER_SOURCE_PER_SECOND,
                2 * HandshakeLimiter.REPLIES_PER_SOURCE_PER_SECOND);
        int all = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            all += limiter.allowCookieReply(InetAddress.getByAddress(ip), 2_000_000_000L + i * 10_000L) ? 1 : 0; // within 1 s
        }
        assertThat(all).as("replies to forged sources in a second").isBetween(HandshakeLimiter.REPLIES_PER_SECOND,
                2 * HandshakeLimiter.REPLIES_PER_SECOND);
    }
}
