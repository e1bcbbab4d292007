package dev.chainlightning.testbed.emu;

import dev.chainlightning.testbed.emu.EmulationProfile.Phase;
import java.util.List;

/** The repeating phases of a profile, looked up by time since the emulator started. */
final class Schedule {

    private static final Phase STEADY = new Phase(1, 1.0, false);

    private final List<Phase> phases;
    private final long periodNanos;

    Schedule(List<Phase> phases) {
        this.phases = List.copyOf(phases);
        long sum = 0;
        for (Phase p : phases) {
            sum += nanos(p);
        }
        this.periodNanos = sum;
    }

    Phase at(long elapsedNanos) {
        if (phases.isEmpty() || periodNanos <= 0) {
            return STEADY;
        }
        long t = Math.floorMod(elapsedNanos, periodNanos);
        for (Phase p : phases) {
            long d = nanos(p);
            if (t < d) {
                return p;
            }
            t -= d;
        }
        return phases.getLast();
    }

    private static long nanos(Phase p) {
        return (long) (p.durationMs() * 1e6);
    }
}
