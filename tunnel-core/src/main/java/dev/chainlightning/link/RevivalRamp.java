package dev.chainlightning.link;

/**
 * How much of its capacity a link that has just come back from down should be given: a share
 * rising in a straight line from {@link #START_SHARE} to 1 over {@link #MIN_RAMP_NANOS}, or over
 * {@link #RAMP_HEARTBEATS} heartbeat intervals when those are longer. A returning link's capacity
 * and delay are what they were before it failed, which may no longer be true; a small share at
 * first probes it without flooding it, and if it fails again little is lost or left waiting in
 * the reorder buffer. The heartbeat answers during the ramp renew its RTT and capacity feedback.
 * Receive thread writes; any thread reads.
 */
final class RevivalRamp {
    static final double START_SHARE = 0.1;
    static final long MIN_RAMP_NANOS = 2_000_000_000L;
    static final int RAMP_HEARTBEATS = 8;

    private volatile boolean revived;
    private volatile long revivedAtNanos;

    /** The link came back from down at {@code nowNanos}. */
    void start(long nowNanos) {
        revivedAtNanos = nowNanos;
        revived = true;
    }

    /** The share (START_SHARE..1) of its capacity the link should get now; 1 when not ramping. */
    double share(long nowNanos, long heartbeatIntervalNanos) {
        if (!revived) {
            return 1.0;
        }
        long ramp = Math.max(MIN_RAMP_NANOS, RAMP_HEARTBEATS * heartbeatIntervalNanos);
        long since = nowNanos - revivedAtNanos;
        if (since >= ramp) {
            return 1.0;
        }
        return since <= 0 ? START_SHARE : START_SHARE + (1 - START_SHARE) * since / ramp;
    }
}
