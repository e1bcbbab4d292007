package dev.chainlightning.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The bodies of the most recent data packets sent, by sequence number, so that the receiver can
 * ask for one again (NACK) when it was lost on a link that died or dropped it.
 *
 * <p>The send thread writes, the receive thread (which handles NACKs) reads. Each slot has a
 * version that is odd while the slot is being rewritten (a sequence lock): a reader copies the
 * body, then checks that the version did not move, and otherwise treats the packet as gone, which
 * it is (the slot now holds a newer packet). No locks, no allocation after construction.
 */
final class SentPackets {
    private static final VarHandle VERSIONS = MethodHandles.arrayElementVarHandle(long[].class);

    private final int mask;
    private final byte[] bodies;
    private final int slotSize;
    private final int[] sequences;
    private final int[] lengths;
    private final int[] linkIds;
    private final long[] versions;
    /** Which packet each slot last sent again, and when; receive thread only. */
    private final int[] resentSequence;
    private final long[] resentNanos;

    /** @param capacity packets remembered, a power of two; @param slotSize largest body */
    SentPackets(int capacity, int slotSize) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.mask = capacity - 1;
        this.slotSize = slotSize;
        this.bodies = new byte[capacity * slotSize];
        this.sequences = new int[capacity];
        this.lengths = new int[capacity];
        this.linkIds = new int[capacity];
        this.versions = new long[capacity];
        this.resentSequence = new int[capacity];
        this.resentNanos = new long[capacity];
    }

    /**
     * Send thread: remembers the body between {@code body}'s position and limit as packet
     * {@code sequence}, sent on link {@code linkId}.
     */
    void remember(int sequence, ByteBuffer body, int linkId) {
        int slot = sequence & mask;
        int length = Math.min(body.remaining(), slotSize);
        long version = versions[slot];
        VERSIONS.setRelease(versions, slot, version + 1); // odd: being written
        VarHandle.storeStoreFence();
        body.get(body.position(), bodies, slot * slotSize, length);
        sequences[slot] = sequence;
        lengths[slot] = length;
        linkIds[slot] = linkId;

        VERSIONS.setRelease(versions, slot, version + 2);
    }

    /**
     * Receive thread: whether packet {@code sequence} may be sent again now. The peer sends each
     * NACK on two links, so the second copy must not send everything a second time.
     */
    boolean claimResend(int sequence, long nowNanos, long minimumGapNanos) {
        int slot = sequence & mask;
        if (resentSequence[slot] == sequence && nowNanos - resentNanos[slot] < minimumGapNanos) {
            return false;
        }
        resentSequence[slot] = sequence;
        resentNanos[slot] = nowNanos;
        return true;
    }

    /** Receive thread: the link packet {@code sequence} went on, or -1 when it is no longer remembered. */
    int linkOf(int sequence) {
        int slot = sequence & mask;
        int link = linkIds[slot];
        return sequences[slot] == sequence ? link : -1;
    }

    /**
     * Receive thread: copies packet {@code sequence}'s body into {@code into} (cleared, then
     * flipped) and returns true, or returns false when it is no longer remembered.
     */
    boolean copy(int sequence, ByteBuffer into) {
        int slot = sequence & mask;
        long before = (long) VERSIONS.getAcquire(versions, slot);
        if ((before & 1) != 0 || sequences[slot] != sequence) {
            return false;
        }
        int length = lengths[slot];
        into.clear();
        into.put(bodies, slot * slotSize, Math.min(length, into.capacity()));
        VarHandle.loadLoadFence();
        long after = (long) VERSIONS.getAcquire(versions, slot);
        into.flip();
        return before == after && sequences[slot] == sequence;
    }
}
