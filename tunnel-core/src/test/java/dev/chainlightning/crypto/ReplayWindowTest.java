package dev.chainlightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void acceptsEachCounterOnceInAnyOrderWithinTheWindow() {
        assertThat(window.accept(5)).isTrue();
        assertThat(window.accept(3)).isTrue();
        assertThat(window.accept(4)).isTrue();
        assertThat(window.accept(0)).isTrue();
        assertThat(window.accept(5)).as("replay of the highest").isFalse();
        assertThat(window.accept(3)).as("replay of an older one").isFalse();
        assertThat(window.highest()).isEqualTo(5);
    }

    @Test
    void aPacketAFullWindowBehindIsStillJudgedExactly() {
        long highest = 100_000;
        assertThat(window.accept(highest)).isTrue();
        long oldest = highest - ReplayWindow.WINDOW + 1;
        assertThat(window.accept(oldest)).isTrue();
        assertThat(window.accept(oldest)).isFalse();
        assertThat(window.accept(oldest - 1)).as("one past the window").isFalse();
    }

    @Test
    void movingFarAheadForgetsTheOldBitsButNotTheirAge() {
        for (long c = 0; c < 200; c++) {
            assertThat(window.accept(c)).isTrue();
        }
        long far = 1_000_000;
        assertThat(window.accept(far)).isTrue();
        // The ring's blocks were reused: a counter just behind the new highest was never seen.
        assertThat(window.accept(far - 1)).isTrue();
        assertThat(window.accept(far - 64 * 60)).isTrue();
        assertThat(window.accept(150)).as("long out of the window").isFalse();
    }

    @Test
    void negativeCountersAreRefused() {
        assertThat(window.accept(-1)).isFalse();
        assertThat(window.highest()).isEqualTo(-1);
    }

    /** Against a plain set of everything accepted, on counters spread around a moving front. */
    @Test
    void agreesWithAnExactModelOnRandomTraffic() {
        Random random = new Random(42);
        Set<Long> seen = new HashSet<>();
        long highest = -1;
        long front = 0;
        for (int i = 0; i < 200_000; i++) {
            front += random.nextInt(3);
            long counter = Math.max(0, front - random.nextInt(ReplayWindow.WINDOW + 200));
            if (random.nextInt(10) == 0 && !seen.isEmpty()) {
                counter = front; // replays of the front too
            }
            boolean expected = !seen.contains(counter) && (highest < 0 || counter > highest || highest - counter < ReplayWindow.WINDOW);
            assertThat(window.accept(counter)).as("counter %d after highest %d", counter, highest).isEqualTo(expected);
            if (expected) {
                seen.add(counter);
                highest = Math.max(highest, counter);
            }
        }
    }
}
