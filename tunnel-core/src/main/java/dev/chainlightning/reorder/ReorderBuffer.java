package dev.chainlightning.reorder;

import java.nio.ByteBuffer;

/**
 * Puts packets that crossed different links back into sequence order before they reach TUN.
 *
 * <p>A packet that is next in sequence goes straight through. One that is early is copied into a
 * slot and waits until the gap before it closes. A gap is given up (its packets counted as lost)
 * when either
 * <ul>
 *   <li>every link that carried data recently has since delivered a later packet, and the gap has
 *       waited a short hold: links are FIFO, so a missing packet older than what every link has
 *       delivered is lost, not late; or</li>
 *   <li>the oldest waiting packet has waited {@code timeout}: a bound on the wait, whatever happens.</li>
 * </ul>
 * Nothing is delivered twice: a packet older than the delivery point, or a second copy of a
 * waiting one, is dropped and counted.
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
    /** The most a gap may hold later packets; {@link #adaptTimeout} moves the actual wait within it. */
    private final long maxTimeoutNanos;
    private volatile long timeoutNanos;
    private final long lossHoldNanos;
    private final PacketSink sink;

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
        ByteBuffer storage = ByteBuffer.allocateDirect(capacity * slotSize);
        for (int i = 0; i < capacity; i++) {
            slots[i] = storage.slice(i * slotSize, slotSize);
        }
    }

    /**
     * Takes the packet between {@code packet}'s position and limit (leaving both unchanged), which
     * arrived on {@code linkId}, or was rebuilt by FEC when {@code linkId} is {@link #REBUILT}.
     */
    public void offer(int sequence, ByteBuffer packet, int linkId, long nowNanos) {
        if (followNext) {
            followNext = false;
            next = sequence;
            java.util.Arrays.fill(linkKnown, false);
            activeLinkCount = 0;
        }
        if (linkId != REBUILT) {
            noteLink(linkId, sequence, nowNanos);
        }
        int ahead = sequence - next;
        if (ahead < 0) {
            late++;
        } else if (ahead == 0) {
            deliver(packet);
            next++;
            drainInOrder();
        } else {
            if (ahead >= capacity) {
                skipTo(sequence - capacity + 1);
                drainInOrder();
            }
            store(sequence, packet, nowNanos);
        }
        poll(nowNanos);
    }

    /**
     * Gives up gaps whose wait is over. Returns the nanoseconds until the next deadline, or
     * {@link Long#MAX_VALUE} when nothing waits.
     */
    public long poll(long nowNanos) {
        long timeoutNanos = this.timeoutNanos;
        while (buffered > 0) {
            int first = firstBufferedSequence();
            long waited = nowNanos - arrivalNanos[first & mask];
            if (waited >= timeoutNanos) {
                timeouts++;
                skipTo(first);
            } else if (waited >= lossHoldNanos && lowestRecentHighest(nowNanos) - next > 0) {
                skipTo(lowestRecentHighest(nowNanos));
            } else {
                long untilHold = waited < lossHoldNanos ? lossHoldNanos - waited : Long.MAX_VALUE;
                return Math.min(untilHold, timeoutNanos - waited);
            }
            drainInOrder();
        }
        return Long.MAX_VALUE;
    }

    private void store(int sequence, ByteBuffer packet, long nowNanos) {
        int index = sequence & mask;
        if (present[index]) {
            duplicates++;
            return;
        }
        ByteBuffer slot = slots[index];
        slot.clear();
        slot.put(0, packet, packet.position(), packet.remaining());
        slot.limit(packet.remaining());
        slotSequence[index] = sequence;
        arrivalNanos[index] = nowNanos;
        present[index] = true;
        buffered++;
    }

    private void drainInOrder() {
        while (buffered > 0) {
            int index = next & mask;
            if (!present[index] || slotSequence[index] != next) {
                return;
            }
            releaseSlot(index);
            next++;
        }
    }

    /** Moves the delivery point to {@code target}, delivering what waits before it and counting the rest as lost. */
    private void skipTo(int target) {
        while (next - target < 0) {
            if (buffered == 0) {
                lost += target - next;
                next = target;
                return;
            }
            int index = next & mask;
            if (present[index] && slotSequence[index] == next) {
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
        deliver(slots[index]);
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
            skipTo(firstBufferedSequence());
            drainInOrder();
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
