package dev.chainlightning.link;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The share of recent heartbeats on one link that got no answer: a round-trip loss rate over a
 * sliding window, not over the link's lifetime, so a link that was bad an hour ago is judged by
 * what it does now.
 *
 * <p>The last {@link #SLOTS} heartbeats are kept by send time (the clock value they carry, which
 * the answer echoes). The control thread records sends and evaluates; the receive thread marks
 * answers by finding the echoed send time. A slot is answered when its answer tag equals its send
 * time, so reusing a slot needs no clearing that could race with a late answer.
 */
final class HeartbeatLoss {
    static final int SLOTS = 128;
    /** Fewer resolved heartbeats than this give no loss figure: one lost heartbeat in ten is not 10% loss. */
    static final int MIN_SAMPLES = 50;

    private final AtomicLongArray sentAt = new AtomicLongArray(SLOTS);
    private final AtomicLongArray answerTag = new AtomicLongArray(SLOTS);
    /** Control thread only: whether a heartbeat counts (not sent while the link was down). */
    private final boolean[] counts = new boolean[SLOTS];
    private volatile long recorded;
    private volatile double lossFraction;
    private volatile int samples;

    /** Control thread: a heartbeat carrying {@code sentNanos} went out; {@code counts} is false while the link is down. */
    void onSent(long sentNanos, boolean counts) {
        long n = recorded;
        int slot = (int) (n % SLOTS);
        answerTag.set(slot, ~sentNanos); // anything but sentNanos: not answered yet
        sentAt.set(slot, sentNanos);
        this.counts[slot] = counts;
        recorded = n + 1;
    }

    /**
     * Control thread: the link went down; the unanswered heartbeats sent from {@code sinceNanos} on
     * went into the outage and do not count as line loss.
     */
    void forgiveSince(long sinceNanos) {
        long n = recorded;
        int kept = (int) Math.min(n, SLOTS);
        for (int i = 1; i <= kept; i++) {
            int slot = (int) ((n - i) % SLOTS);
            long sent = sentAt.get(slot);
            if (sent - sinceNanos < 0) {
                break;
            }
            if (answerTag.get(slot) != sent) {
                counts[slot] = false;
            }
        }
    }

    /** Receive thread: the answer to the heartbeat sent at {@code sentNanos} arrived. False when it is not one we keep. */
    boolean onAnswer(long sentNanos) {
        long n = recorded;
        int kept = (int) Math.min(n, SLOTS);
        for (int i = 1; i <= kept; i++) { // newest first: most answers are for recent heartbeats
            int slot = (int) ((n - i) % SLOTS);
            if (sentAt.get(slot) == sentNanos) {
                answerTag.set(slot, sentNanos);
                return true;
            }
        }
        return false;
    }

    /**
     * Control thread: recomputes the loss over the heartbeats sent in the last {@code windowNanos}
     * that are either answered or older than {@code graceNanos} (an answer later than that is taken
     * as lost until it comes). Heartbeats younger than the grace are still on their way and not
     * counted either way.
     */
    void evaluate(long nowNanos, long windowNanos, long graceNanos) {
        long n = recorded;
        int kept = (int) Math.min(n, SLOTS);
        int resolved = 0;
        int lost = 0;
        for (int i = 1; i <= kept; i++) {
            int slot = (int) ((n - i) % SLOTS);
            long sent = sentAt.get(slot);
            long age = nowNanos - sent;
            if (age > windowNanos) {
                break; // slots are in send order: all older ones are outside the window too
            }
            if (!counts[slot] || age <= graceNanos) {
                continue;
            }
            resolved++;
            if (answerTag.get(slot) != sent) {
                lost++;
            }
        }
        samples = resolved;
        lossFraction = resolved == 0 ? 0 : (double) lost / resolved;
    }

    /** Whether the last evaluation had enough heartbeats to mean something. */
    boolean isKnown() {
        return samples >= MIN_SAMPLES;
    }

    /** Lost share (0..1) at the last evaluation; 0 before there were any heartbeats to judge. */
    double fraction() {
        return lossFraction;
    }

    int samples() {
        return samples;
    }
}
