package dev.chainlightning.testbed.emu;

/**
 * How early the release thread should ask to be woken: a parked thread wakes late (timer slack,
 * scheduling on a busy machine), so it parks until {@code due - lead} and releases what is due
 * within {@code lead}. The lead follows the measured lateness (integral control) so that packets
 * leave on time on average; it stays within [0, {@value #MAX_LEAD_NANOS}] ns.
 */
final class WakeUpLead {

    static final long MAX_LEAD_NANOS = 500_000;
    private static final double GAIN = 0.05;

    private double lead;

    long nanos() {
        return (long) lead;
    }

    /** {@code lateness}: when the first packet of a wake-up left minus when it was due (negative = early). */
    void observe(long lateness) {
        lead = Math.max(0, Math.min(MAX_LEAD_NANOS, lead + GAIN * lateness));
    }
}
