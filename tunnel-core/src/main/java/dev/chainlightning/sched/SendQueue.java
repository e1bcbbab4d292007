package dev.chainlightning.sched;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send thread's queue of bulk packets waiting for a paced link ({@link Striper#pickPaced}).
 * Packets are read from TUN straight into its slots (preallocated direct buffers, as TUN reads
 * through JNA need) and leave from the head; CoDel ({@link CoDel}) drops from the head when the
 * queue stands, and a full queue refuses new packets. Reading TUN eagerly into a queue we manage,
 * rather than letting the kernel's TUN ring fill, is what lets express packets overtake bulk ones
 * and keeps the delay bounded. Send thread only; nothing is allocated after construction.
 */
public final class SendQueue {
    private final ByteBuffer[] slots;
    private final int[] lengths;
    private final long[] queuedAt;
    private final int mask;
    private final CoDel codel = new CoDel();
    private int head;
    private int size;
    private long queuedBytes;
    private final AtomicLong aqmDrops;

    /**
     * @param capacity  packets it can hold, a power of two
     * @param slotBytes the largest packet
     * @param aqmDrops  counts the packets CoDel drops (read by other threads)
     */
    public SendQueue(int capacity, int slotBytes, AtomicLong aqmDrops) {
        this.aqmDrops = aqmDrops;
        if (capacity <= 0 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        ByteBuffer all = ByteBuffer.allocateDirect(capacity * slotBytes);
        slots = new ByteBuffer[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = all.slice(i * slotBytes, slotBytes);
        }
        lengths = new int[capacity];
        queuedAt = new long[capacity];
        mask = capacity - 1;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size == slots.length;
    }

    public int size() {
        return size;
    }

    public long queuedBytes() {
        return queuedBytes;
    }

    /** The free slot the next packet goes into, cleared; only while not {@link #isFull()}. */
    public ByteBuffer tail() {
        ByteBuffer slot = slots[(head + size) & mask];
        slot.clear();
        return slot;
    }

    /** Queues the packet of {@code length} bytes just written into {@link #tail()}. */
    public void commit(int length, long nowNanos) {
        int index = (head + size) & mask;
        lengths[index] = length;
        queuedAt[index] = nowNanos;
        queuedBytes += length;
        size++;
    }

    /**
     * The head packet (position 0, limit its length), after the drops CoDel asks for; null when
     * the queue is empty. It stays queued until {@link #removeHead()}.
     */
    public ByteBuffer head(long nowNanos) {
        while (size > 0 && codel.dropHead(nowNanos - queuedAt[head], size > 1, nowNanos)) {
            aqmDrops.incrementAndGet();
            removeHead();
        }
        if (size == 0) {
            return null;
        }
        ByteBuffer slot = slots[head];
        slot.clear().limit(lengths[head]);
        return slot;
    }

    /** How long the head packet has waited; 0 when empty. */
    public long headWaitNanos(long nowNanos) {
        return size == 0 ? 0 : nowNanos - queuedAt[head];
    }

    public void removeHead() {
        queuedBytes -= lengths[head];
        head = (head + 1) & mask;
        size--;
    }

}
