package dev.chainlightning.link;

import dev.chainlightning.wire.HeartbeatBody;
import dev.chainlightning.wire.Overhead;
import dev.chainlightning.wire.PacketHeader;

/**
 * When the next heartbeat on a link is due. The control thread ticks every configured heartbeat
 * interval; a link gets a heartbeat every tick unless that would spend more than
 * {@link #BUDGET_SHARE} of its estimated capacity, in which case it gets one every few ticks.
 *
 * <p>Each direction of a link carries both ends' heartbeats or their answers: this side's
 * heartbeats and the answers to the peer's go one way, the peer's heartbeats and the answers to
 * ours the other. So a heartbeat costs two datagrams per direction at equal rates, and the budget
 * is counted as {@link #PAIR_BITS} per heartbeat against this side's sending capacity. The
 * server's answers to the client's heartbeats cross the client's upstream, usually the slower
 * direction, so the server also never sends faster than the client does on the link (see
 * {@link PeerHeartbeatPace}). Only the server follows: if both followed each other, a mismeasured
 * spacing could hold both ends at a longer interval for good.
 *
 * <p>The link's down detection follows the interval: {@link LinkHealth} is told the longest
 * interval among the current one and those of the last few heartbeats, so a link whose interval
 * just shrank is not declared down for answers still on their way at the old pace. Control thread
 * only, apart from what it hands to LinkHealth.
 */
public final class HeartbeatPacer {
    /** The most of a link's capacity heartbeats (with their answers) may use. */
    public static final double BUDGET_SHARE = 0.01;
    /** One heartbeat or answer as the capacity estimate counts it: header, body, tag, IPv4/UDP/Ethernet framing. */
    static final int WIRE_BYTES = PacketHeader.LENGTH + HeartbeatBody.LENGTH + Overhead.TAG_LENGTH + LinkCounters.FRAMING_BYTES;
    /** A heartbeat and an answer per direction. */
    static final long PAIR_BITS = 2L * WIRE_BYTES * 8;
    /** Never stretch beyond this, whatever the budget says: a link must still be watched. */
    static final long MAX_INTERVAL_NANOS = 10_000_000_000L;

    private final long tickNanos;
    private final LinkHealth health;
    private final LinkCapacity capacity;
    private final PeerHeartbeatPace peer;
    private final long[] recentIntervals = new long[LinkHealth.MISSED_HEARTBEATS_FOR_DOWN];
    private int recentIndex;
    private long lastSentNanos;
    private boolean sentAny;
    private long intervalNanos;

    HeartbeatPacer(long tickNanos, LinkHealth health, LinkCapacity capacity, PeerHeartbeatPace peer) {
        this.tickNanos = tickNanos;
        this.health = health;
        this.capacity = capacity;
        this.peer = peer;
        this.intervalNanos = tickNanos;
        java.util.Arrays.fill(recentIntervals, tickNanos);
    }

    /**
     * Control thread, every tick: whether this link should get a heartbeat now. Recomputes the
     * interval first (and hands the down threshold to LinkHealth). {@code followPeer}: true on the
     * server.
     */
    public boolean isDue(long nowNanos, boolean followPeer) {
        intervalNanos = ticks(capacity.capacityBps(), followPeer ? peer.intervalNanos() : 0) * tickNanos;
        health.onHeartbeatInterval(intervalNanos, LinkHealth.MISSED_HEARTBEATS_FOR_DOWN * longestRecentInterval());
        // Half a tick of slack: the scheduler's ticks jitter, and a due heartbeat must not wait a whole tick more.
        return !sentAny || nowNanos - lastSentNanos >= intervalNanos - tickNanos / 2;
    }

    /** Control thread: a heartbeat went out on this link. */
    public void onSent(long nowNanos) {
        lastSentNanos = nowNanos;
        sentAny = true;
        recentIntervals[recentIndex] = intervalNanos;
        recentIndex = (recentIndex + 1) % recentIntervals.length;
    }

    /** The current interval between heartbeats on this link, a whole number of ticks. */
    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * Ticks between heartbeats: enough that heartbeats fit the budget (rounded up: the budget is a
     * ceiling), at least the peer's spacing (rounded to the nearest tick, so clock jitter does not
     * add a tick), at least one, at most {@link #MAX_INTERVAL_NANOS}.
     */
    private long ticks(double capacityBps, long peerIntervalNanos) {
        long maxTicks = Math.max(1, MAX_INTERVAL_NANOS / tickNanos);
        double budgetNanos = capacityBps > 0 ? PAIR_BITS * 1e9 / (BUDGET_SHARE * capacityBps) : MAX_INTERVAL_NANOS;
        long ticks = Math.max(1, (long) Math.ceil(budgetNanos / tickNanos - 1e-9)); // not a whole tick more for a rounding error
        ticks = Math.max(ticks, (peerIntervalNanos + tickNanos / 2) / tickNanos);
        return Math.min(maxTicks, ticks);
    }

    private long longestRecentInterval() {
        long longest = intervalNanos;
        for (long interval : recentIntervals) {
            longest = Math.max(longest, interval);
        }
        return longest;
    }
}
