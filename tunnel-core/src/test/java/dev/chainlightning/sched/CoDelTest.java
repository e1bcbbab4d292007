package dev.chainlightning.sched;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoDelTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShortQueueOrABurstThatDrainsWithinTheIntervalIsNeverDropped() {
        CoDel codel = new CoDel();
        for (long t = 0; t < 1000 * MS; t += MS) {
            long sojourn = (t / MS) % 100 < 50 ? 40 * MS : 2 * MS; // 50 ms bursts of 40 ms waits, then drained
            assertThat(codel.dropHead(sojourn, true, t)).as("at %d ms", t / MS).isFalse();
        }
    }

    @Test
    void aStandingQueueIsDroppedAfterOneIntervalThenFasterAndFaster() {
        CoDel codel = new CoDel();
        java.util.List<Long> drops = new java.util.ArrayList<>();
        for (long t = 1; t < 1000 * MS; t += MS / 10) {
            if (codel.dropHead(20 * MS, true, t)) {
                drops.add(t);
            }
        }
        assertThat(drops.get(0)).isBetween(CoDel.INTERVAL_NANOS, CoDel.INTERVAL_NANOS + 2 * MS);
        // interval / sqrt(n) between drops: 100, 70.7, 57.7, 50 ms...
        assertThat(drops.get(1) - drops.get(0)).isBetween(99 * MS, 101 * MS);
        assertThat(drops.get(2) - drops.get(1)).isBetween(70 * MS, 72 * MS);
        assertThat(drops.get(3) - drops.get(2)).isBetween(57 * MS, 59 * MS);
        assertThat(codel.dropping()).isTrue();
    }

    @Test
    void dropsStopOnceTheWaitIsBackUnderTheTarget() {
        CoDel codel = new CoDel();
        long t = 1;
        for (; t < 300 * MS; t += MS) {
            codel.dropHead(20 * MS, true, t);
        }
        assertThat(codel.dropping()).isTrue();
        assertThat(codel.dropHead(1 * MS, true, t)).isFalse();
        assertThat(codel.dropping()).isFalse();
        for (t += MS; t < 350 * MS; t += MS) {
            assertThat(codel.dropHead(20 * MS, true, t)).as("a new episode waits a full interval first").isFalse();
        }
    }

    @Test
    void theLastPacketInTheQueueIsNeverDropped() {
        CoDel codel = new CoDel();
        for (long t = 1; t < 1000 * MS; t += MS) {
            assertThat(codel.dropHead(50 * MS, false, t)).isFalse();
        }
    }
}
