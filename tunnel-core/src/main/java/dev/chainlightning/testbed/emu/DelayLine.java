package dev.chainlightning.testbed.emu;

import java.nio.ByteBuffer;

/**
 * Packets waiting for their release time, in arrival order: an array ring that grows up to a
 * capacity. Release times must be non-decreasing (LinkDirection guarantees it), so the head is
 * always the next one due. One producer and one consumer thread; the methods synchronize.
 */
final class DelayLine {

    static final int SLOT_BYTES = 2048;

    private final int maxPackets;
    private long[] times;
    private byte[][] data;
    private int[] lengths;
    private int head;
    private int size;

    DelayLine(int initialPackets, int maxPackets) {
        this.maxPackets = maxPackets;
        allocate(Math.max(2, initialPackets));
    }

    private void allocate(int n) {
        times = new long[n];
        data = new byte[n][];
        lengths = new int[n];
    }

    /** Copies {@code src}'s remaining bytes in; false when full or the packet is larger than a slot. */
    synchronized boolean offer(long releaseTime, ByteBuffer src) {
        int len = src.remaining();
        if (len > SLOT_BYTES) {
            return false;
        }
        if (size > 0 && releaseTime < times[(head + size - 1) % times.length]) {
            throw new IllegalArgumentException("release times must not decrease");
        }
        if (size == times.length && !grow()) {
            return false;
        }
        int tail = (head + size) % times.length;
        if (data[tail] == null) {
            data[tail] = new byte[SLOT_BYTES];
        }
        src.duplicate().get(data[tail], 0, len);
        times[tail] = releaseTime;
        lengths[tail] = len;
        size++;
        return true;
    }

    private boolean grow() {
        if (times.length >= maxPackets) {
            return false;
        }
        int n = Math.min(maxPackets, times.length * 2);
        long[] t = new long[n];
        byte[][] d = new byte[n][];
        int[] l = new int[n];
        for (int k = 0; k < size; k++) {
            int from = (head + k) % times.length;
            t[k] = times[from];
            d[k] = data[from];
            l[k] = lengths[from];
        }
        times = t;
        data = d;
        lengths = l;
        head = 0;
        return true;
    }

    /** Release time of the head, or Long.MAX_VALUE when empty. */
    synchronized long headTime() {
        return size == 0 ? Long.MAX_VALUE : times[head];
    }

    /**
     * If the head is due at {@code now}, copies it into {@code dst} (cleared, then flipped) and
     * removes it; returns whether it did.
     */
    synchronized boolean pollDue(long now, ByteBuffer dst) {
        if (size == 0 || times[head] > now) {
            return false;
        }
        dst.clear();
        dst.put(data[head], 0, lengths[head]).flip();
        head = (head + 1) % times.length;
        size--;
        return true;
    }

    synchronized int size() {
        return size;
    }
}
