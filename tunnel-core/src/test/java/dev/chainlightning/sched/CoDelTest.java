package dev.chainlightning.sched;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoDelTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShortQueueOrABurstThatDrainsWithinTheIntervalIsNeverDropped() {
        CoDel codel = new CoDel();
        for (long t = 0; t < 1000 * MS; t += MS) {
            long burst = CoDel.INTERVAL_NANOS / 2 / MS;
            long sojourn = (t / MS) % (2 * burst) < burst ? 4 * CoDel.TARGET_NANOS : CoDel.TARGET_NANOS / 2; // half-interval bursts, then drained
            assertThat(codel.dropHead(sojourn, true, t)).as("at %d ms", t / MS).isFalse();
        }
    }

    @Test
    void aStandingQueueIsDroppedAfterOneIntervalThenFasterAndFaster() {
        CoDel codel = new CoDel();
        java.util.List<Long> drops = new java.util.ArrayList<>();
        for (long t = 1; t < 10 * CoDel.INTERVAL_NANOS; t += MS / 10) {
            if (codel.dropHead(4 * CoDel.TARGET_NANOS, true, t)) {
                drops.add(t);
            }
        }
        long interval = CoDel.INTERVAL_NANOS;
        assertThat(drops.get(0)).isBetween(interval, interval + 2 * MS);
        // interval / sqrt(n) between drops: 1, 0.707, 0.577 intervals...
        assertThat(drops.get(1) - drops.get(0)).isBetween(interval - MS, interval + MS);
        assertThat(drops.get(2) - drops.get(1)).isBetween((long) (interval / Math.sqrt(2)) - MS, (long) (interval / Math.sqrt(2)) + MS);
        assertThat(drops.get(3) - drops.get(2)).isBetween((long) (interval / Math.sqrt(3)) - MS, (long) (interval / Math.sqrt(3)) + MS);
        assertThat(codel.dropping()).isTrue();
    }

    @Test
    void dropsStopOnceTheWaitIsBackUnderTheTarget() {
        CoDel codel = new CoDel();
        long t = 1;
        for (; t < 3 * CoDel.INTERVAL_NANOS; t += MS) {
            codel.dropHead(4 * CoDel.TARGET_NANOS, true, t);
        }
        assertThat(codel.dropping()).isTrue();
        assertThat(codel.dropHead(CoDel.TARGET_NANOS / 2, true, t)).isFalse();
        assertThat(codel.dropping()).isFalse();
        long restart = t;
        for (t += MS; t < restart + CoDel.INTERVAL_NANOS - MS; t += MS) {
            assertThat(codel.dropHead(4 * CoDel.TARGET_NANOS, true, t)).as("a new episode waits a full interval first").isFalse();
        }
    }

    @Test
    void theLastPacketInTheQueueIsNeverDropped() {
        CoDel codel = new CoDel();
        for (long t = 1; t < 1000 * MS; t += MS) {
            assertThat(codel.dropHead(10 * CoDel.TARGET_NANOS, false, t)).isFalse();
        }
    }
}
