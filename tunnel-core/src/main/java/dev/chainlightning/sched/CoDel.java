package dev.chainlightning.sched;

/**
 * CoDel active queue management (RFC 8289) for the send queue: it lets bursts through but drops
 * from the head once packets have waited longer than {@link #TARGET_NANOS} for a whole
 * {@link #INTERVAL_NANOS}, then more often (interval / sqrt(drops)) until the wait is back under
 * the target. A TCP sender takes each drop as a congestion signal, so the standing queue, and with
 * it the delay every packet through the tunnel sees, stays near the target instead of growing to
 * whatever a buffer holds. Send thread only; no allocation.
 */
final class CoDel {
    /**
     * Acceptable standing queue delay. RFC 8289's 5 ms and 100 ms suit one path; a bond's TCP round
     * trip includes delivery alignment to its slowest link (over 100 ms on the 10/30/60 ms test
     * bed), and at 5/100 a single CUBIC flow through it was cut back so often it carried 38-52% of
     * the links instead of 57-73% (bench/aggregate.sh 3 10 "10/30/60 ms, rates measured" cubic).
     */
    static final long TARGET_NANOS = 20_000_000L;
    /** How long the delay must stay above the target before dropping: about a round trip of the bond. */
    static final long INTERVAL_NANOS = 200_000_000L;

    private long firstAboveNanos;
    private long dropNextNanos;
    private int count;
    private int lastCount;
    private boolean dropping;

    /**
     * Whether to drop the head packet, which has waited {@code sojournNanos}; {@code backlogged}
     * is false when it is the only packet queued (a single packet is never a standing queue).
     * Ask again for the new head after every drop.
     */
    boolean dropHead(long sojournNanos, boolean backlogged, long nowNanos) {
        boolean okToDrop = aboveTargetLongEnough(sojournNanos, backlogged, nowNanos);
        if (dropping) {
            if (!okToDrop) {
                dropping = false;
                return false;
            }
            if (nowNanos - dropNextNanos >= 0) {
                count++;
                dropNextNanos = controlLaw(dropNextNanos, count);
                return true;
            }
            return false;
        }
        if (!okToDrop) {
            return false;
        }
        dropping = true;
        // Back in trouble soon after the last episode: resume near the drop rate that worked then.
        int delta = count - lastCount;
        count = delta > 1 && nowNanos - dropNextNanos < 16 * INTERVAL_NANOS ? delta : 1;
        lastCount = count;
        dropNextNanos = controlLaw(nowNanos, count);
        return true;
    }

    private boolean aboveTargetLongEnough(long sojournNanos, boolean backlogged, long nowNanos) {
        if (sojournNanos < TARGET_NANOS || !backlogged) {
            firstAboveNanos = 0;
            return false;
        }
        if (firstAboveNanos == 0) {
            firstAboveNanos = nowNanos + INTERVAL_NANOS;
            return false;
        }
        return nowNanos - firstAboveNanos >= 0;
    }

    private static long controlLaw(long fromNanos, int drops) {
        return fromNanos + (long) (INTERVAL_NANOS / Math.sqrt(drops));
    }

    boolean dropping() {
        return dropping;
    }
}
