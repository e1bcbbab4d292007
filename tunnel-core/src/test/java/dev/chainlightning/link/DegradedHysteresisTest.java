package dev.chainlightning.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DegradedHysteresisTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void entersAtTheEnterScoreAtOnce() {
        DegradedHysteresis h = new DegradedHysteresis();
        h.update(1.39, 0);
        assertThat(h.isDegraded()).isFalse();
        h.update(1.4, SECOND);
        assertThat(h.isDegraded()).isTrue();
    }

    @Test
    void staysDegradedInsideTheBand() {
        DegradedHysteresis h = new DegradedHysteresis();
        h.update(2, 0);
        for (long t = 1; t < 600; t++) {
            h.update(t % 2 == 0 ? 0.7 : 1.39, t * SECOND / 10); // anywhere between exit and enter, for a minute
            assertThat(h.isDegraded()).isTrue();
        }
    }

    @Test
    void anUpLinkInsideTheBandStaysUp() {
        DegradedHysteresis h = new DegradedHysteresis();
        for (long t = 0; t < 600; t++) {
            h.update(1.3, t * SECOND / 10);
            assertThat(h.isDegraded()).isFalse();
        }
    }

    @Test
    void leavesOnlyAfterTheScoreStayedBelowExitForTheHold() {
        DegradedHysteresis h = new DegradedHysteresis();
        h.update(2, 0);
        h.update(0.5, SECOND);
        h.update(0.5, SECOND + DegradedHysteresis.HOLD_NANOS - 1);
        assertThat(h.isDegraded()).isTrue();
        h.update(0.5, SECOND + DegradedHysteresis.HOLD_NANOS);
        assertThat(h.isDegraded()).isFalse();
    }

    @Test
    void aRelapseDuringTheHoldStartsItOver() {
        DegradedHysteresis h = new DegradedHysteresis();
        h.update(2, 0);
        h.update(0.5, SECOND);
        h.update(0.9, 4 * SECOND); // back in the band: the hold is off
        h.update(0.5, 5 * SECOND);
        h.update(0.5, 9 * SECOND); // 8 s since the first good score, but only 4 s since the relapse
        assertThat(h.isDegraded()).isTrue();
        h.update(0.5, 10 * SECOND);
        assertThat(h.isDegraded()).isFalse();
    }

    @Test
    void anOutageInterruptsTheHold() {
        DegradedHysteresis h = new DegradedHysteresis();
        h.update(2, 0);
        h.update(0.5, SECOND);
        h.interrupt(); // the link was down
        h.update(0.5, 7 * SECOND);
        assertThat(h.isDegraded()).isTrue();
        h.update(0.5, 12 * SECOND);
        assertThat(h.isDegraded()).isFalse();
    }
}
