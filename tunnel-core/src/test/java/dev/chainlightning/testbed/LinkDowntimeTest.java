package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkDowntimeTest {
    /** From a CI run of EmulatedWanMixEndToEndTest (the Starlink link during one of its 150 ms outages). */
    private static final String LOG = """
            2026-11-25 15:00:35.169 INFO handshake with the server complete over link 10.10.1.2#0
            2026-11-25 15:00:35.346 INFO link 10.10.0.2#0 is up
            2026-11-25 15:00:35.347 INFO link 10.10.1.2#0 is up
            client link 10.10.0.2#0                  up       rtt   36.99 ms
            2026-11-25 15:00:46.146 INFO link 10.10.0.2#0 is down (no answer to 3 heartbeats)
            2026-11-25 15:00:46.245 INFO link 10.10.0.2#0 is up
            2026-11-25 15:00:47.000 INFO link 10.10.1.2#0 is down (no answer to 3 heartbeats)
            """;

    @Test
    void aDownIsTimedToTheNextUpOfTheSameLink() {
        assertThat(LinkDowntime.longest(LOG, "10.10.0.2#0")).isEqualTo(Duration.ofMillis(99));
    }

    @Test
    void aLinkThatNeverWentDownWasDownForNoTime() {
        assertThat(LinkDowntime.longest(LOG, "10.10.2.2#0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aLinkStillDownAtTheEndOfTheLogCountsAsDownForGood() {
        assertThat(LinkDowntime.longest(LOG, "10.10.1.2#0")).isGreaterThan(Duration.ofDays(1));
    }
}
