package dev.chainlightning.link;

/**
 * Estimated capacity of a link in our sending direction, and the rate the send thread paces it at,
 * from the peer's delivery feedback: the bytes it reports received, timed by its own clock, against
 * what we had sent one round trip earlier, and the queue it sees in our direction.
 *
 * <p>Each report closes an interval (at least 50 ms of the peer's time) with a delivery sample.
 * While we use the link (we offered at least half the estimate):
 * <ul>
 *   <li>the link is <em>full</em> when the peer sees a queue beyond the line's jitter while we send
 *       at least 80% of the estimate, or when more went in than came out (a bottleneck that drops
 *       instead of queueing; rates smoothed over a few reports): the estimate becomes what it
 *       delivered, which is then exactly its capacity (by steps of at most 15% per report);</li>
 *   <li>otherwise a sample above the estimate raises it: the link carried more than we thought
 *       (counting no more than we offered: a link cannot deliver more than it was given);</li>
 * </ul>
 * However little we use it, a link whose deliveries fall 30% short of what we send, over several
 * reports (rates smoothed), is full too: a slow line estimated far too high. Otherwise little use teaches
 * nothing, except that an estimate pushed below the starting value climbs back to it while the
 * link is unused, so a link once judged slow is tried again.
 *
 * <p>The pacing rate is the estimate times a gain, the way BBR probes: 2 at first (startup, until
 * the link is first found full: it delivers clearly less than we offer), then a cycle
 * of eight phases of a round trip each, one at 1.2 (would the link take more?), one at 0.8
 * (drain the queue that probe built), six at 1. A probe that gets 15% more through than the
 * estimate starts the search at gain 2 again. So the queue we leave at a link's bottleneck stays
 * within a fifth of a round trip. A configured rate is an upper
 * bound, never a substitute. Receive thread writes; any thread reads.
 */
public final class LinkCapacity {
    /** Where an unconfigured link starts: small enough not to flood a slow line, startup finds more. */
    static final double INITIAL_BPS = 10e6;
    static final double MIN_BPS = 64e3;
    /** A queue longer than this says the link is full (jitter of a few ms is not a queue). */
    public static final long FULL_QUEUE_NANOS = 5_000_000L;
    private static final long MIN_INTERVAL_NANOS = 50_000_000L;
    private static final double STARTUP_GAIN = 2.0;
    private static final double[] CYCLE_GAINS = {1.2, 0.8, 1, 1, 1, 1, 1, 1};
    /** A full link's estimate comes down to what it delivered, but by at most this factor per report: feedback is noisy. */
    private static final double BACK_OFF = 0.85;
    /**
     * A delivery above the estimate raises it only while we send at least this share of it; below
     * it, the link is unused and an estimate under the default climbs back.
     */
    private static final double IN_USE = 0.5;
    /** Sending this much more than arrives says the link is full. */
    private static final double OVERSEND = 1.3;
    /** A delivery this far above the estimate restarts the search (startup gain). */
    private static final double RESEARCH = 1.15;
    /** A queue counts against the estimate only while we send at least this share of it. */
    private static final double BUSY = 0.8;
    /** In startup a link is full only once it delivers less than this share of what we offered. */
    private static final double STARTUP_CARRIED = 0.9;
    /** Below this share of the estimate what we send says nothing (heartbeats alone). */
    private static final double NOTICEABLE = 0.1;

    private final double ceilingBps;
    private volatile double capacityBps;
    private volatile double pacingBps;
    private volatile double deliveryBps;
    /** Delivered and offered rates smoothed over about four reports (the ratio of single reports swings with jitter). */
    private double smoothedDelivered;
    private double smoothedOffered;
    private final SentHistory sent = new SentHistory();
    private boolean startup;
    private int cyclePhase;
    /** When the current cycle phase began (our clock); -1 until the next report. */
    private long phaseStartNanos = -1;
    private long lastBytes = -1;
    private long lastSentBytes;
    private long lastPeerNanos;

    public LinkCapacity(double configuredMbit) {
        this.ceilingBps = configuredMbit > 0 ? configuredMbit * 1e6 : Double.MAX_VALUE;
        this.capacityBps = configuredMbit > 0 ? ceilingBps : INITIAL_BPS;
        this.startup = configuredMbit <= 0;
        this.pacingBps = pace();
    }

    /**
     * The peer reports {@code receivedBytes} on this link in total at {@code peerNanos} of its
     * clock, and {@code queueNanos} of queue in our direction; {@code sentBytes} is what we had
     * sent on it in total when the report came, and {@code roundTripNanos} the link's current round
     * trip (what was sent that long ago is what the report can have seen).
     */
    public void onFeedback(long receivedBytes, long peerNanos, long sentBytes, long roundTripNanos, long queueNanos, long nowNanos) {
        sent.record(nowNanos, sentBytes);
        long sentThen = sent.sentAt(nowNanos - Math.max(0, roundTripNanos));
        long elapsed = peerNanos - lastPeerNanos;
        if (lastBytes < 0 || receivedBytes < lastBytes || sentThen < lastSentBytes || elapsed <= 0) {
            lastBytes = receivedBytes; // first report, or the peer restarted its count
            lastSentBytes = sentThen;
            lastPeerNanos = peerNanos;
            return;
        }
        if (elapsed < MIN_INTERVAL_NANOS) {
            return;
        }
        double delivered = (receivedBytes - lastBytes) * 8e9 / elapsed;
        double offered = (sentThen - lastSentBytes) * 8e9 / elapsed;
        lastBytes = receivedBytes;
        lastSentBytes = sentThen;
        lastPeerNanos = peerNanos;
        deliveryBps = delivered;
        smoothedDelivered += (delivered - smoothedDelivered) / 4;
        smoothedOffered += (offered - smoothedOffered) / 4;
        onSample(delivered, offered, queueNanos);
        advancePhase(roundTripNanos, nowNanos);
        pacingBps = pace();
    }

    private void onSample(double delivered, double offered, long queueNanos) {
        boolean inUse = offered >= IN_USE * capacityBps;
        // More going in than coming out, on smoothed rates (offered is timed by our clock a round
        // trip back, delivered by the peer's, so single reports swing with jitter). It counts however
        // little of the estimate we use: a 1 Mbit/s upstream estimated at 10 never sees half of 10
        // offered, yet drowns in the 3 that ACKs bring. Heartbeats alone say nothing.
        boolean oversent = smoothedOffered > OVERSEND * smoothedDelivered && offered >= NOTICEABLE * capacityBps;
        boolean queued = queueNanos > FULL_QUEUE_NANOS;
        boolean full = queued || oversent;
        // A queue is ours to answer for only while we sent close to the estimate: below that it is
        // the line's jitter or someone else's traffic, and backing off would only pull the estimate
        // down to whatever the sender happened to send (on Starlink, to a tenth of the line).
        // In startup the gain of 2 is meant to fill the line, and a queue is taken seriously only
        // once the link stops carrying what we give it: a cold peer's receive thread lags in the
        // first second and made every link leave startup at the 10 Mbit/s it began with.
        boolean ourQueue = queued && offered >= BUSY * capacityBps
                && !(startup && delivered >= STARTUP_CARRIED * offered);
        if (ourQueue || oversent) {
            // A busy bottleneck delivers exactly its capacity; a sample's timing can be off, so step down.
            capacityBps = clamp(Math.max(delivered, BACK_OFF * capacityBps));
            startup = false;
            cyclePhase = 1; // drain what the excess queued
            phaseStartNanos = -1;
            return;
        }
        // A link cannot deliver more than it was given. A sample above what we offered is timing:
        // the peer's receive thread, stalled for a few ms on a busy machine, counts a burst at once,
        // and raising on it (while a low sample never lowers anything) ratcheted a 20 Mbit/s line
        // up to 29, so the scheduler overfilled it and starved the others.
        double carried = Math.min(delivered, offered);
        if (inUse && carried > capacityBps) {
            if (carried >= RESEARCH * capacityBps) {
                // A probe got most of its extra fifth through: the line has room we have not found
                // (it recovered, or the estimate was pushed low once). Search as at the start rather
                // than a fifth per cycle, which took seconds to double and held a paced TCP flow
                // (BBR above all) to the old estimate meanwhile.
                startup = true;
            }
            capacityBps = clamp(carried);
        } else if (!inUse && capacityBps < INITIAL_BPS && !full) {
            capacityBps = clamp(capacityBps * 1.25); // do not trap a link in disuse
        }
    }

    /**
     * Moves the probing cycle on once the current phase has lasted a round trip (and a report's
     * interval at least): a probe's extra bytes show in the peer's reports only a round trip after
     * they leave, so on a 120 ms link a phase of one 100 ms report was judged by what the phase
     * before it sent, and probes never found the room they were sent to find.
     */
    private void advancePhase(long roundTripNanos, long nowNanos) {
        if (phaseStartNanos == -1) {
            phaseStartNanos = nowNanos; // a phase set by a back-off starts now
        } else if (nowNanos - phaseStartNanos >= Math.max(MIN_INTERVAL_NANOS, roundTripNanos)) {
            cyclePhase = (cyclePhase + 1) % CYCLE_GAINS.length;
            phaseStartNanos = nowNanos;
        }
    }

    private double pace() {
        double gain = startup ? STARTUP_GAIN : CYCLE_GAINS[cyclePhase];
        return Math.min(ceilingBps, capacityBps * gain);
    }

    private double clamp(double bps) {
        return Math.max(MIN_BPS, Math.min(ceilingBps, bps));
    }

    /** The estimated capacity (what metrics and the status show). */
    public double capacityBps() {
        return capacityBps;
    }

    /** The rate to pace the link at now: the estimate times the probing gain. */
    public double pacingBps() {
        return pacingBps;
    }

    /** What the link delivered in the last report's interval. */
    public double deliveryBps() {
        return deliveryBps;
    }
}
