package dev.chainlightning.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class Tai64nTest {
    @Test
    void encodesSecondsSince1970Plus2To62ThenNanoseconds() {
        byte[] stamp = Tai64n.encode(1, 2);
        assertThat(stamp).containsExactly(0x40, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2);
    }

    @Test
    void laterTimesCompareGreater() {
        assertThat(Tai64n.compare(Tai64n.encode(100, 0), Tai64n.encode(99, 999_999_999))).isPositive();
        assertThat(Tai64n.compare(Tai64n.encode(100, 5 << 24), Tai64n.encode(100, 4 << 24))).isPositive();
        assertThat(Tai64n.compare(Tai64n.encode(100, 0), Tai64n.encode(100, 0))).isZero();
    }

    @Test
    void eachStampIsNewerThanTheLastEvenWhenTheClockStandsStillOrStepsBack() {
        Instant[] now = {Instant.parse("2026-11-25T10:00:00Z")};
        Tai64n stamps = new Tai64n(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        byte[] first = stamps.next();
        byte[] same = stamps.next();
        now[0] = now[0].minusSeconds(30);
        byte[] back = stamps.next();
        assertThat(Tai64n.compare(same, first)).isPositive();
        assertThat(Tai64n.compare(back, same)).isPositive();
    }

    @Test
    void nanosecondsAreCoarsenedSoTheClockIsNotRevealed() {
        Tai64n stamps = new Tai64n(Clock.fixed(Instant.ofEpochSecond(5, 123_456_789), ZoneOffset.UTC));
        byte[] stamp = stamps.next();
        int nanos = java.nio.ByteBuffer.wrap(stamp).getInt(8);
        assertThat(nanos & ((1 << 24) - 1)).isZero();
    }
}
