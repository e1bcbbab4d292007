package dev.chainlightning.link;

/**
 * Heartbeat bookkeeping of one link, seen from this side: round-trip time, the share of recent
 * heartbeats answered, and the link's state: down without answers, degraded when much worse than
 * the best link (decided by {@link LinkGrader}), up otherwise. Written by the control thread
 * (heartbeats sent, grading, interval) and the receive thread (answers); read by the sender and
 * the stats reporter, hence the volatile fields. Each field has a single writer thread.
 *
 * <p>What the scheduler asks, cheaply and without allocating: {@link #state}, {@link #isUp},
 * {@link #isDegraded} and {@link #revivalShare}.
 */
public final class LinkHealth {
    /** A link is down after this many heartbeat intervals without an acknowledgement. */
    public static final int MISSED_HEARTBEATS_FOR_DOWN = 3;
    /** Loss is judged over at least this much time, and over at least {@link HeartbeatLoss#MIN_SAMPLES} heartbeats. */
    static final long LOSS_WINDOW_NANOS = 10_000_000_000L;
    /** The RTT floor forgets samples older than two of these buckets (5 to 10 s). */
    static final long RTT_FLOOR_BUCKET_NANOS = 5_000_000_000L;

    private volatile long heartbeatIntervalNanos;
    private volatile long downAfterNanos;
    private volatile long lastAckNanos;
    private volatile boolean everAcked;
    private volatile long smoothedRttNanos;
    private volatile long minRttNanos = Long.MAX_VALUE;
    private final RecentMinimum rttFloor = new RecentMinimum(RTT_FLOOR_BUCKET_NANOS);
    private final HeartbeatLoss loss = new HeartbeatLoss();
    private final RevivalRamp revival = new RevivalRamp();
    /** Control thread only: whether the link was up when the previous heartbeat went out. */
    private boolean upAtLastHeartbeat;
    private final DegradedHysteresis grade = new DegradedHysteresis();
    private volatile double score;
    private volatile long heartbeatsSent;
    /**
     * Control thread: when the first heartbeat went out. A link the peer has only just shown us
     * ({@link #markAlive}) cannot have answered anything before then, so its down clock starts no
     * earlier: the server learns a link with the client's handshake but may send its first
     * heartbeat only once the client's first packet confirms the keys, and a cold handshake plus
     * a tick at each end can take longer than the three intervals that mean down.
     */
    private volatile long firstHeartbeatNanos;
    private volatile long heartbeatsAcked;
    private int nextHeartbeat;

    public LinkHealth(long heartbeatIntervalNanos) {
        this.heartbeatIntervalNanos = heartbeatIntervalNanos;
        this.downAfterNanos = MISSED_HEARTBEATS_FOR_DOWN * heartbeatIntervalNanos;
    }

    /**
     * Control thread: a heartbeat stamped {@code sentNanos} is about to go out. Returns its number.
     * Heartbeats sent while the link is down do not count towards its loss: an outage is not line loss.
     */
    public int onHeartbeatSent(long sentNanos) {
        if (heartbeatsSent == 0) {
            firstHeartbeatNanos = sentNanos;
        }
        boolean up = isUp(sentNanos);
        if (!up && upAtLastHeartbeat && everAcked) {
            // It just went down: the heartbeats since its last answer went into the outage, not lost on a working line.
            loss.forgiveSince(lastAckNanos);
        }
        upAtLastHeartbeat = up;
        loss.onSent(sentNanos, up);
        heartbeatsSent++;
        return nextHeartbeat++;
    }

    /** Receive thread: an authenticated acknowledgement of a heartbeat sent at {@code sentNanos} arrived. */
    public void onAck(long sentNanos, long nowNanos) {
        long rtt = nowNanos - sentNanos;
        if (rtt < 0 || rtt > 60_000_000_000L) {
            return; // not one of our clock readings; ignore rather than poison the average
        }
        if (everAcked && !isUp(nowNanos)) {
            revival.start(nowNanos); // back from down; a link's first answer is not a return
        }
        smoothedRttNanos = everAcked ? smoothedRttNanos + (rtt - smoothedRttNanos) / 8 : rtt;
        if (rtt < minRttNanos) {
            minRttNanos = rtt;
        }
        rttFloor.add(rtt, nowNanos);
        loss.onAnswer(sentNanos);
        heartbeatsAcked++;
        lastAckNanos = nowNanos;
        everAcked = true;
    }

    /** Treats the link as just acknowledged, for a link the peer has only just shown us. */
    public void markAlive(long nowNanos) {
        if (everAcked && !isUp(nowNanos)) {
            revival.start(nowNanos); // back from down; a link's first answer is not a return
        }
        lastAckNanos = nowNanos;
        everAcked = true;
    }

    /** UP, DEGRADED or DOWN. Cheap and allocation-free: two volatile reads and a comparison. */
    public LinkState state(long nowNanos) {
        if (!isUp(nowNanos)) {
            return LinkState.DOWN;
        }
        return grade.isDegraded() ? LinkState.DEGRADED : LinkState.UP;
    }

    /**
     * Whether the link may carry data at all: answered lately, up or degraded. A link shown by the
     * peer stays up until heartbeats have gone unanswered for the down time (see
     * {@link #firstHeartbeatNanos}).
     */
    public boolean isUp(long nowNanos) {
        if (!everAcked) {
            return false;
        }
        if (heartbeatsSent == 0) {
            return true; // shown by the peer, not asked yet
        }
        return nowNanos - Math.max(lastAckNanos, firstHeartbeatNanos) <= downAfterNanos;
    }

    /**
     * Whether the link is much worse than the best one (see {@link LinkGrader}): it should carry
     * data only when the better links are full. Meaningful while {@link #isUp}; a down link keeps
     * its last grade.
     */
    public boolean isDegraded() {
        return grade.isDegraded();
    }

    /**
     * The share (0.1..1) of its capacity the link should get: below 1 for a couple of seconds
     * after it came back from down (or up for the first time), rising steadily, so a returning link
     * is probed rather than handed a full share at once. See {@link RevivalRamp}.
     */
    public double revivalShare(long nowNanos) {
        return revival.share(nowNanos, heartbeatIntervalNanos);
    }

    /** Control thread ({@link HeartbeatPacer}): the heartbeat interval now, and how long without an answer means down. */
    void onHeartbeatInterval(long intervalNanos, long downAfterNanos) {
        this.heartbeatIntervalNanos = intervalNanos;
        this.downAfterNanos = downAfterNanos;
    }

    /**
     * Control thread ({@link LinkGrader}): recomputes the recent heartbeat loss. The window is
     * {@link #LOSS_WINDOW_NANOS}, longer on a link whose heartbeats were stretched so it still
     * holds enough of them; an answer is waited for twice the smoothed RTT plus an interval.
     */
    void evaluateLoss(long nowNanos) {
        long interval = heartbeatIntervalNanos;
        long window = Math.max(LOSS_WINDOW_NANOS, HeartbeatLoss.MIN_SAMPLES * interval);
        loss.evaluate(nowNanos, window, 2 * smoothedRttNanos + interval);
    }

    /** Control thread ({@link LinkGrader}): the link's new score; moves it in or out of DEGRADED. */
    void onScore(double score, long nowNanos) {
        this.score = score;
        grade.update(score, nowNanos);
    }

    DegradedHysteresis grade() {
        return grade;
    }

    /** How much worse than the best link this one scored at the last grading (0 = the best). */
    public double score() {
        return score;
    }

    /** Share (0..1) of recent heartbeats that got no answer; 0 until there are enough to judge. */
    public double recentLoss() {
        return loss.fraction();
    }

    /** Whether {@link #recentLoss} rests on enough heartbeats to mean something. */
    public boolean isLossKnown() {
        return loss.isKnown();
    }

    /** The smallest round trip of the last 5 to 10 seconds: the path's delay without a passing queue. 0 before any. */
    public long rttFloorNanos() {
        long floor = rttFloor.get();
        return floor == Long.MAX_VALUE ? 0 : floor;
    }

    /** The interval between heartbeats on this link now (longer than configured on a slow link). */
    public long heartbeatIntervalNanos() {
        return heartbeatIntervalNanos;
    }

    public long smoothedRttNanos() {
        return smoothedRttNanos;
    }

    public long minRttNanos() {
        return minRttNanos == Long.MAX_VALUE ? 0 : minRttNanos;
    }

    public long heartbeatsSent() {
        return heartbeatsSent;
    }

    public long heartbeatsAcked() {
        return heartbeatsAcked;
    }
}
