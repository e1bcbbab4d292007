package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.link.Link;
import dev.chainlightning.link.LinkCapacity;
import dev.chainlightning.link.LinkGrader;
import dev.chainlightning.link.LinkHealth;
import dev.chainlightning.link.LinkState;
import dev.chainlightning.util.Log;
import dev.chainlightning.wire.HeartbeatBody;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;

/**
 * Runs every heartbeat interval on the control thread: grades the links (up, degraded, down; see
 * {@link LinkGrader}), logs links that changed state, and sends a heartbeat on every link that has
 * a peer address and whose heartbeat is due (a slow link's heartbeats are spaced out so they stay
 * within 1% of its capacity, see {@link dev.chainlightning.link.HeartbeatPacer}). The peer echoes
 * each heartbeat; the echo gives the round trip and keeps the link up (see {@link LinkHealth}).
 */
final class Heartbeats implements Runnable {
    private final SessionDirectory sessions;
    private final TunnelCounters counters;
    private final SealerCache sealer;
    private final ByteBuffer body = ByteBuffer.allocate(HeartbeatBody.LENGTH);
    private final ByteBuffer datagram = ByteBuffer.allocate(256);
    private final LinkState[] lastState = new LinkState[dev.chainlightning.sched.Striper.MAX_LINKS];
    private final int instance;
    private final LinkGrader grader;
    /** The server paces its heartbeats no faster than the client's on each link (see HeartbeatPacer). */
    private final boolean followPeerPace;
    /** Scratch for grading: the session's links by id. */
    private final Link[] links = new Link[dev.chainlightning.sched.Striper.MAX_LINKS];
    private Session lastSession;
    private long lastGradeNanos;
    private boolean gradedOnce;

    Heartbeats(SessionDirectory sessions, CipherSuite suite, int instance, LinkGrader grader, boolean followPeerPace,
               TunnelCounters counters) {
        this.counters = counters;
        this.sessions = sessions;
        this.instance = instance;
        this.sealer = new SealerCache(suite);
        this.grader = grader;
        this.followPeerPace = followPeerPace;
    }

    /**
     * Grading more often than this learns nothing new (loss and RTT floor move over seconds): with
     * the default 100 ms interval every tick grades, with a 10 ms one every fifth.
     */
    private static final long GRADE_PERIOD_NANOS = 50_000_000L;

    @Override
    public void run() {
        Session session = sessions.current();
        if (session == null) {
            return;
        }
        if (session != lastSession) {
            java.util.Arrays.fill(lastState, null);
            lastSession = session;
        }
        long now = System.nanoTime();
        int lossPpm = session.lossMeter().sampleLossPpm(session.reorder().delivered(), linkLosses(session),
                anyInboundQueue(session));
        alignDelivery(session, now);
        grade(session, now);
        for (int id = 0; id <= session.striper().highestId(); id++) {
            Link link = session.striper().link(id);
            if (link == null || link.remote() == null) {
                continue;
            }
            logStateChange(link, now);
            if (!link.pacer().isDue(now, followPeerPace)) {
                continue;
            }
            long sentNanos = System.nanoTime();
            body.clear();
            HeartbeatBody.write(body, 0, link.health().onHeartbeatSent(sentNanos), sentNanos, instance, lossPpm,
                    link.counters().rxBytes.get(), (int) Math.min(Integer.MAX_VALUE, link.inbound().queueBeyondJitterNanos() / 1000));
            body.limit(HeartbeatBody.LENGTH);
            if (!sealer.seal(session, PacketType.HEARTBEAT, id, body, datagram, sentNanos)) {
                return; // no keys yet: the handshake comes first
            }
            link.send(datagram);
            link.pacer().onSent(now);
        }
    }

    private void grade(Session session, long now) {
        if (gradedOnce && now - lastGradeNanos < GRADE_PERIOD_NANOS) {
            return;
        }
        gradedOnce = true;
        lastGradeNanos = now;
        int count = session.striper().highestId() + 1;
        for (int id = 0; id < count; id++) {
            links[id] = session.striper().link(id);
        }
        grader.grade(links, count, now);
    }

    /** Data packets the links lost so far, as far as this side can tell (see LossMeter). */
    /**
     * Packets the links lost: given up by the reorder buffer, or asked for again by NACK (a loss
     * the resend repaired is still a loss of the line: without counting it, resending hid every
     * line loss and adaptive FEC never came on), plus those FEC rebuilt, less those that turned up
     * after all.
     */
    private long linkLosses(Session session) {
        long rebuilt = session.fec() == null ? 0 : session.fec().recovered();
        var reorder = session.reorder();
        long missing = Math.max(reorder.lost(), counters.nackedPackets.get());
        return Math.max(0, missing + rebuilt - reorder.late() - reorder.duplicates());
    }

    /**
     * From the one-way delays towards us of the links that are up: hold bulk packets until the
     * slowest of them that is not degraded would have delivered them with an empty queue, and let the reorder
     * buffer wait for a gap twice the spread between fastest and slowest, plus four times the
     * largest jitter and a few milliseconds: a packet sent on the slowest link arrives within it.
     */
    private static void alignDelivery(Session session, long now) {
        long fastest = Long.MAX_VALUE;
        long slowestBase = Long.MIN_VALUE;
        long slowestOfAll = Long.MIN_VALUE;
        long jitter = 0;
        for (int id = 0; id <= session.striper().highestId(); id++) {
            Link link = session.striper().link(id);
            if (link == null || !link.health().isUp(now) || link.inbound().offsetDelayNanos() == Long.MIN_VALUE) {
                continue;
            }
            long delay = link.inbound().offsetDelayNanos();
            fastest = Math.min(fastest, delay);
            slowestOfAll = Math.max(slowestOfAll, delay);
            if (!link.health().isDegraded()) { // a degraded link is overflow only: not waited for
                slowestBase = Math.max(slowestBase, link.inbound().baseOffsetDelayNanos());
            }
            jitter = Math.max(jitter, link.inbound().variationNanos());
        }
        if (slowestBase == Long.MIN_VALUE) {
            session.alignment().off(); // nothing measured yet: deliver as soon as in order
            return; // and keep the configured bound on the reorder wait
        }
        // The path's own delay, not its current queue or jitter: a packet that comes later than this
        // holds back those after it anyway (delivery is in order); aiming later would only add delay.
        session.alignment().alignTo(slowestBase + ALIGN_MARGIN_NANOS);
        session.reorder().resendWait(resendWaitNanos(session, now));
        session.reorder().adaptTimeout(2 * (slowestOfAll - fastest) + 4 * jitter + REORDER_MARGIN_NANOS);
    }

    /**
     * How long a packet asked for again may take: the NACK and the answer each cross the link with
     * the smallest round trip, so one of its round trips, with half again and a few ms of slack.
     */
    private static long resendWaitNanos(Session session, long now) {
        Link nearest = session.striper().nearestUp(now, -1);
        if (nearest == null || nearest.health().smoothedRttNanos() == 0) {
            return 0;
        }
        return nearest.health().smoothedRttNanos() * 3 / 2 + RESEND_MARGIN_NANOS;
    }

    private static final long RESEND_MARGIN_NANOS = 5_000_000L;

    /** Slack on the delivery time: a packet a hair late on the slowest link should not hold the rest. */
    private static final long ALIGN_MARGIN_NANOS = 1_000_000L;
    private static final long REORDER_MARGIN_NANOS = 10_000_000L;

    /**
     * Whether any link's queue towards us is building: then data loss is congestion, not line loss.
     * Only the queue beyond the line's own jitter counts: on Starlink or LTE the delay swings by
     * 10-30 ms with no queue at all, and counting that kept their line loss from ever being
     * reported, so adaptive FEC never protected them.
     */
    private static boolean anyInboundQueue(Session session) {
        for (int id = 0; id <= session.striper().highestId(); id++) {
            Link link = session.striper().link(id);
            if (link != null && link.inbound().queueBeyondJitterNanos() > LinkCapacity.FULL_QUEUE_NANOS) {
                return true;
            }
        }
        return false;
    }

    private void logStateChange(Link link, long now) {
        LinkState state = link.health().state(now);
        LinkState previous = lastState[link.id()];
        lastState[link.id()] = state;
        if (previous == null && state == LinkState.DOWN) {
            return; // a new link waiting for its first answer is not news
        }
        if (state != previous) {
            Log.info("link " + link.name() + " is " + state.label() + reason(link.health(), state));
            if (state == LinkState.DOWN) {
                counters.linkDownEvents.incrementAndGet();
            }
        }
    }

    private static String reason(LinkHealth health, LinkState state) {
        return switch (state) {
            case DOWN -> " (no answer to " + LinkHealth.MISSED_HEARTBEATS_FOR_DOWN + " heartbeats)";
            case DEGRADED -> String.format(java.util.Locale.ROOT, " (score %.2f: rtt floor %.1f ms, heartbeat loss %.1f%%)",
                    health.score(), health.rttFloorNanos() / 1e6, health.recentLoss() * 100);
            case UP -> "";
        };
    }
}
