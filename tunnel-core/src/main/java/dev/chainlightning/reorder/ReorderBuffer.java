package dev.chainlightning.reorder;

import java.nio.ByteBuffer;

/**
 * Puts packets that crossed different links back into sequence order before they reach TUN, and
 * holds each bulk packet until its due time: the moment the bond's slowest link would have
 * delivered it (see {@link DeliveryAlignment}), so that TCP sees one steady delay whichever link
 * a packet took.
 *
 * <p>A packet that is next in sequence and due goes straight through. One that is early or not
 * yet due is copied into a slot and waits. A gap is given up (its packets counted as lost) when
 * either
 * <ul>
 *   <li>every link that carried data recently has since delivered a later packet, and the gap has
 *       waited a short hold: links are FIFO, so a missing packet older than what every link has
 *       delivered is lost, not late; or</li>
 *   <li>the oldest waiting packet has waited {@code timeout}: a bound on the wait, whatever happens.</li>
 * </ul>
 * Giving up a gap never releases a packet before its due time.
 *
 * <p>With a {@link LossReporter} and a resend wait set ({@link #resendWait}), a gap is not given
 * up at once: its missing packets are first reported (the sender keeps recent packets and sends
 * them again, see NACK in docs/PROTOCOL.md), and they are counted lost only if they have not come
 * within the resend wait. So a link that dies with packets in flight, or a packet dropped on the
 * way, costs a round trip of the best link instead of a TCP retransmission.
 *
 * <p>Express packets ({@link #offerExpress}) are delivered the moment they arrive, ahead of the
 * order; their sequence number is remembered so that a second copy is dropped and the gap they
 * leave is not counted as loss. Nothing is delivered twice: a packet older than the delivery
 * point, or a second copy of a waiting one, is dropped and counted.
 *
 * <p>Sequence numbers are 32-bit and compared with wrap-around arithmetic. Single-threaded (the
 * receive thread) and time-injected; it allocates nothing after construction.
 */
public final class ReorderBuffer {
    private static final int MAX_LINKS = 256;
    /** The link id of a packet that FEC rebuilt: it tells nothing about any link's order. */
    public static final int REBUILT = -1;
    /**
     * How long a gap waits at least, even when every link has delivered past it. Links are FIFO in
     * theory, but a sender thread that moves between CPUs or a multi-queue NIC can swap two packets
     * of one flow by a fraction of a millisecond; this tolerance keeps such swaps from being taken
     * as loss. With FEC the caller adds the time a group may stay open, so parity can still come.
     */
    public static final long MIN_LOSS_HOLD_NANOS = 2_000_000;

    private final int capacity;
    private final int mask;
    private final ByteBuffer[] slots;
    private final int[] slotSequence;
    private final boolean[] present;
    private final long[] arrivalNanos;
    private final long[] dueNanos;
    /** The slot holds no packet, only the note that its sequence number was delivered express. */
    private final boolean[] deliveredAhead;
    /** The most a gap may hold later packets; {@link #adaptTimeout} moves the actual wait within it. */
    private final long maxTimeoutNanos;
    private volatile long timeoutNanos;
    private final long lossHoldNanos;
    private final PacketSink sink;
    private LossReporter lossReporter;
    /** How long a reported packet may take to come again; 0: no resending, give up at once. */
    private volatile long resendWaitNanos;
    private final int[] requestedSequence;
    private final long[] requestedNanos;
    /** Sequence numbers below this (and at or above the delivery point) have been reported when missing. */
    private int requestedUpTo;
    /** The highest sequence number among the waiting packets (meaningful while any wait). */
    private int highestStored;

    private final int[] linkHighest = new int[MAX_LINKS];
    private final long[] linkLastNanos = new long[MAX_LINKS];
    private final int[] activeLinks = new int[MAX_LINKS];
    private final boolean[] linkKnown = new boolean[MAX_LINKS];
    private int activeLinkCount;

    private int next;
    private int buffered;
    /** Set after {@link #restart()}: the next packet's sequence number becomes the delivery point. */
    private boolean followNext;

    private long delivered;
    private long late;
    private long duplicates;
    private long lost;
    private long timeouts;

    /**
     * @param capacity      packets that may wait at once; a power of two
     * @param slotSize      largest packet
     * @param lossHoldNanos how long a gap waits before it may be given up early (see {@link #MIN_LOSS_HOLD_NANOS})
     * @param firstSequence the sequence number the peer starts with
     */
    public ReorderBuffer(int capacity, int slotSize, long timeoutNanos, long lossHoldNanos, int firstSequence, PacketSink sink) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.maxTimeoutNanos = timeoutNanos;
        this.timeoutNanos = timeoutNanos;
        this.lossHoldNanos = Math.min(timeoutNanos, Math.max(MIN_LOSS_HOLD_NANOS, lossHoldNanos));
        this.sink = sink;
        this.next = firstSequence;
        this.slots = new ByteBuffer[capacity];
        this.slotSequence = new int[capacity];
        this.present = new boolean[capacity];
        this.arrivalNanos = new long[capacity];
        this.dueNanos = new long[capacity];
        this.deliveredAhead = new boolean[capacity];
        this.requestedSequence = new int[capacity];
        this.requestedNanos = new long[capacity];
        this.requestedUpTo = firstSequence;
        ByteBuffer storage = ByteBuffer.allocateDirect(capacity * slotSize);
        for (int i = 0; i < capacity; i++) {
            slots[i] = storage.slice(i * slotSize, slotSize);
        }
    }

    /**
     * Takes the packet between {@code packet}'s position and limit (leaving both unchanged), which
     * arrived on {@code linkId}, or was rebuilt by FEC when {@code linkId} is {@link #REBUILT}, to
     * be delivered in order as soon as it may.
     */
    public void offer(int sequence, ByteBuffer packet, int linkId, long nowNanos) {
        offer(sequence, packet, linkId, nowNanos, nowNanos);
    }

    /** As {@link #offer(int, ByteBuffer, int, long)}, for a packet not to be delivered before {@code dueNanos}. */
    public void offer(int sequence, ByteBuffer packet, int linkId, long nowNanos, long dueNanos) {
        int ahead = accept(sequence, linkId, nowNanos);
        if (ahead < 0) {
            return;
        }
        if (ahead == 0 && dueNanos - nowNanos <= 0) {
            deliver(packet);
            next++;
            drainInOrder(nowNanos);
        } else {
            store(sequence, packet, nowNanos, dueNanos);
        }
        poll(nowNanos);
    }

    /** Delivers an express packet now, ahead of the order, and notes its sequence number as done. */
    public void offerExpress(int sequence, ByteBuffer packet, int linkId, long nowNanos) {
        int ahead = accept(sequence, linkId, nowNanos);
        if (ahead < 0) {
            return;
        }
        deliver(packet);
        if (ahead == 0) {
            next++;
            drainInOrder(nowNanos);
        } else {
            noteDeliveredAhead(sequence, nowNanos);
        }
        poll(nowNanos);
    }

    /**
     * Common entry of every offer: follows a restart, notes the link, drops late packets and second
     * copies, and makes room for a packet too far ahead. Returns how far ahead of the delivery
     * point {@code sequence} is, or -1 when the packet is to be dropped.
     */
    private int accept(int sequence, int linkId, long nowNanos) {
        if (followNext) {
            followNext = false;
            next = sequence;
            requestedUpTo = sequence;
            java.util.Arrays.fill(linkKnown, false);
            activeLinkCount = 0;
        }
        if (linkId != REBUILT) {
            noteLink(linkId, sequence, nowNanos);
        }
        int ahead = sequence - next;
        if (ahead < 0) {
            late++;
            return -1;
        }
        if (ahead >= capacity) {
            skipTo(sequence - capacity + 1, nowNanos, true);
            drainInOrder(nowNanos);
            ahead = sequence - next;
        }
        int index = sequence & mask;
        if (present[index] && slotSequence[index] == sequence) {
            duplicates++;
            return -1;
        }
        return ahead;
    }

    /**
     * Gives up gaps whose wait is over. Returns the nanoseconds until the next deadline, or
     * {@link Long#MAX_VALUE} when nothing waits.
     */
    public long poll(long nowNanos) {
        long timeoutNanos = this.timeoutNanos;
        drainInOrder(nowNanos);
        while (buffered > 0) {
            int head = next & mask;
            if (present[head] && slotSequence[head] == next) {
                return dueNanos[head] - nowNanos; // in order, waiting for its due time
            }
            int first = firstBufferedSequence();
            long waited = nowNanos - arrivalNanos[first & mask];
            boolean timedOut = waited >= timeoutNanos;
            int fifoLimit = waited >= lossHoldNanos ? lowestRecentHighest(nowNanos) : next;
            boolean fifoLost = fifoLimit - next > 0;
            if (!timedOut && !fifoLost) {
                long untilHold = waited < lossHoldNanos ? lossHoldNanos - waited : Long.MAX_VALUE;
                return Math.min(untilHold, timeoutNanos - waited);
            }
            // Everything missing below the limit is lost as far as this side can tell.
            int limit = fifoLimit;
            if (timedOut) {
                int timedOutLimit = pastTimedOut(first, nowNanos, timeoutNanos);
                if (!fifoLost || timedOutLimit - limit > 0) {
                    limit = timedOutLimit;
                }
            }
            long resendWait = resendWaitNanos;
            if (lossReporter == null || resendWait <= 0) {
                if (timedOut) {
                    timeouts++;
                }
                skipTo(limit, nowNanos, false);
            } else {
                report(limit, nowNanos);
                if (!giveUpOverdue(limit, resendWait, nowNanos)) {
                    return requestedNanos[next & mask] + resendWait - nowNanos;
                }
                if (timedOut) {
                    timeouts++;
                }
            }
            drainInOrder(nowNanos);
        }
        return Long.MAX_VALUE;
    }

    /**
     * Just past the last waiting packet, from {@code first} on, that has waited the timeout: every
     * gap before it has waited at least that long. (All of them are reported at once: a link that
     * died leaves a gap every few packets, and asking for them one after another would cost a
     * round trip each.)
     */
    private int pastTimedOut(int first, long nowNanos, long timeoutNanos) {
        int limit = first;
        for (int sequence = first; sequence - highestStored <= 0; sequence++) {
            int index = sequence & mask;
            if (present[index] && slotSequence[index] == sequence) {
                if (nowNanos - arrivalNanos[index] < timeoutNanos) {
                    break;
                }
                limit = sequence;
            }
        }
        return limit;
    }

    /** Reports the missing packets below {@code limit} that were not reported before. */
    private void report(int limit, long nowNanos) {
        int from = requestedUpTo - next < 0 ? next : requestedUpTo;
        int runStart = 0;
        int runLength = 0;
        boolean any = false;
        for (int sequence = from; sequence - limit < 0; sequence++) {
            int index = sequence & mask;
            if (present[index] && slotSequence[index] == sequence) {
                if (runLength > 0) {
                    lossReporter.missing(runStart, runLength);
                    runLength = 0;
                    any = true;
                }
                continue;
            }
            requestedSequence[index] = sequence;
            requestedNanos[index] = nowNanos;
            if (runLength == 0) {
                runStart = sequence;
            }
            if (++runLength == 0xffff) {
                lossReporter.missing(runStart, runLength);
                runLength = 0;
                any = true;
            }
        }
        if (runLength > 0) {
            lossReporter.missing(runStart, runLength);
            any = true;
        }
        if (any) {
            lossReporter.flush();
        }
        if (limit - requestedUpTo > 0) {
            requestedUpTo = limit;
        }
    }

    /**
     * Gives up the missing packets at the delivery point (below {@code limit}) whose report is at
     * least {@code resendWait} old. Returns whether it gave up any.
     */
    private boolean giveUpOverdue(int limit, long resendWait, long nowNanos) {
        boolean any = false;
        while (next - limit < 0) {
            int index = next & mask;
            if (present[index] && slotSequence[index] == next) {
                break;
            }
            boolean overdue = requestedSequence[index] == next && nowNanos - requestedNanos[index] >= resendWait;
            if (!overdue) {
                break;
            }
            lost++;
            next++;
            any = true;
        }
        return any;
    }

    private void store(int sequence, ByteBuffer packet, long nowNanos, long due) {
        int index = sequence & mask;
        ByteBuffer slot = slots[index];
        slot.clear();
        slot.put(0, packet, packet.position(), packet.remaining());
        slot.limit(packet.remaining());
        occupy(index, sequence, nowNanos, due, false);
    }

    private void noteDeliveredAhead(int sequence, long nowNanos) {
        occupy(sequence & mask, sequence, nowNanos, nowNanos, true);
    }

    private void occupy(int index, int sequence, long nowNanos, long due, boolean alreadyDelivered) {
        if (buffered == 0 || sequence - highestStored > 0) {
            highestStored = sequence;
        }
        if (!present[index]) { // (a present slot here would be the same packet, which accept() drops)
            buffered++;
        }
        slotSequence[index] = sequence;
        arrivalNanos[index] = nowNanos;
        dueNanos[index] = due;
        deliveredAhead[index] = alreadyDelivered;
        present[index] = true;
    }

    /** Delivers the packets at the delivery point that are present and due. */
    private void drainInOrder(long nowNanos) {
        while (buffered > 0) {
            int index = next & mask;
            if (!present[index] || slotSequence[index] != next || dueNanos[index] - nowNanos > 0) {
                return;
            }
            releaseSlot(index);
            next++;
        }
    }

    /**
     * Moves the delivery point towards {@code target}, counting the missing packets before it as
     * lost and delivering those that wait; it stops at a packet that is not due yet unless
     * {@code force} (the buffer must make room).
     */
    private void skipTo(int target, long nowNanos, boolean force) {
        while (next - target < 0) {
            if (buffered == 0) {
                lost += target - next;
                next = target;
                return;
            }
            int index = next & mask;
            if (present[index] && slotSequence[index] == next) {
                if (!force && dueNanos[index] - nowNanos > 0) {
                    return;
                }
                releaseSlot(index);
            } else {
                lost++;
            }
            next++;
        }
    }

    private void releaseSlot(int index) {
        present[index] = false;
        buffered--;
        if (!deliveredAhead[index]) {
            deliver(slots[index]);
        }
    }

    private void deliver(ByteBuffer packet) {
        delivered++;
        sink.deliver(packet);
    }

    private int firstBufferedSequence() {
        int sequence = next;
        while (!present[sequence & mask] || slotSequence[sequence & mask] != sequence) {
            sequence++;
        }
        return sequence;
    }

    private void noteLink(int linkId, int sequence, long nowNanos) {
        if (!linkKnown[linkId]) {
            linkKnown[linkId] = true;
            activeLinks[activeLinkCount++] = linkId;
            linkHighest[linkId] = sequence;
        } else if (sequence - linkHighest[linkId] > 0) {
            linkHighest[linkId] = sequence;
        }
        linkLastNanos[linkId] = nowNanos;
    }

    /**
     * The lowest of the highest sequence numbers that the recently active links have delivered.
     * Links are FIFO, so a packet missing below it is lost, not late.
     */
    private int lowestRecentHighest(long nowNanos) {
        long timeoutNanos = maxTimeoutNanos; // how long a quiet link may still have packets in flight
        boolean any = false;
        int lowest = next;
        for (int i = 0; i < activeLinkCount; i++) {
            int link = activeLinks[i];
            if (nowNanos - linkLastNanos[link] > timeoutNanos) {
                continue; // a link that went quiet holds nothing back; the timeout covers what it had in flight
            }
            int highest = linkHighest[link];
            if (!any || highest - lowest < 0) {
                lowest = highest;
                any = true;
            }
        }
        return any ? lowest : next;
    }

    /**
     * The sender restarted and numbers its packets anew: deliver what waits, in order, and take
     * the next packet's sequence number as the new delivery point.
     */
    public void restart() {
        while (buffered > 0) {
            skipTo(firstBufferedSequence() + 1, Long.MIN_VALUE, true);
        }
        followNext = true;
    }

    /**
     * Any thread: how long a gap should wait now, from the measured delay spread between the links
     * in use (a packet on the slowest link arrives that much after one sent at the same time on the
     * fastest). Kept between the loss hold and the configured maximum.
     */
    public void adaptTimeout(long wantedNanos) {
        timeoutNanos = Math.max(lossHoldNanos, Math.min(maxTimeoutNanos, wantedNanos));
    }

    /**
     * Setup: where to report packets believed lost, so they can be sent again. Without one a gap is
     * given up at once.
     */
    public void reportLossesTo(LossReporter reporter) {
        this.lossReporter = reporter;
    }

    /**
     * Any thread: how long a reported packet may take to come again (about a round trip of the
     * best link); 0 turns resending off.
     */
    public void resendWait(long nanos) {
        resendWaitNanos = Math.max(0, nanos);
    }

    public long timeoutNanos() {
        return timeoutNanos;
    }

    public int nextSequence() {
        return next;
    }

    public int waiting() {
        return buffered;
    }

    public long delivered() {
        return delivered;
    }

    /** Packets older than the delivery point: late arrivals and copies of delivered packets. */
    public long late() {
        return late;
    }

    /** Second copies of packets still waiting. */
    public long duplicates() {
        return duplicates;
    }

    /** Sequence numbers given up. */
    public long lost() {
        return lost;
    }

    /** Times a gap was given up because the wait bound ran out. */
    public long timeouts() {
        return timeouts;
    }
}
