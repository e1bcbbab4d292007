package dev.chainlightning.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentHistoryTest {
    @Test
    void readsBetweenSamplesAreInterpolatedAndOutsideThemClamped() {
        SentHistory history = new SentHistory();
        assertThat(history.sentAt(5)).isZero();
        history.record(100, 1_000);
        history.record(200, 3_000);
        assertThat(history.sentAt(150)).isEqualTo(2_000);
        assertThat(history.sentAt(250)).isEqualTo(3_000);
        assertThat(history.sentAt(50)).isEqualTo(1_000);
    }

    @Test
    void onlyTheLastSamplesAreKept() {
        SentHistory history = new SentHistory();
        for (int i = 0; i < SentHistory.SAMPLES + 10; i++) {
            history.record(i * 100L, i * 1_000L);
        }
        assertThat(history.sentAt(0)).isEqualTo(10 * 1_000L); // the oldest kept, not the first
        assertThat(history.sentAt(20 * 100L + 50)).isEqualTo(20 * 1_000L + 500);
    }
}
