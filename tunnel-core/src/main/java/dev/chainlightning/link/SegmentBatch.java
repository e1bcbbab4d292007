package dev.chainlightning.link;

import java.nio.ByteBuffer;

/**
 * One link's datagrams waiting to leave together as one UDP GSO send: laid end to end in a direct
 * buffer, all of one size except possibly the last, which may be shorter (the kernel's rule for
 * {@code UDP_SEGMENT}). Allocation-free after construction.
 */
final class SegmentBatch {
    /** The kernel accepts at most 64 segments per GSO send (UDP_MAX_SEGMENTS). */
    static final int MAX_SEGMENTS = 64;
    /** A GSO send is one IP datagram to the stack: UDP payload at most 65507 bytes over IPv4. */
    static final int MAX_BYTES = 65_000;

    private final ByteBuffer buffer;
    private final int maxSegments;
    private int count;
    private int segmentSize;
    private boolean closed;

    SegmentBatch(int maxSegments) {
        this.maxSegments = Math.min(maxSegments, MAX_SEGMENTS);
        this.buffer = ByteBuffer.allocateDirect(MAX_BYTES);
    }

    /**
     * Appends the datagram (position to limit) when the rule allows it; returns false, taking
     * nothing, when the batch must be sent first.
     */
    boolean add(ByteBuffer datagram) {
        int size = datagram.remaining();
        if (count > 0 && (closed || size > segmentSize || count == maxSegments || buffer.position() + size > MAX_BYTES)) {
            return false;
        }
        if (count == 0) {
            segmentSize = size;
        } else if (size < segmentSize) {
            closed = true; // a shorter one can only be the last
        }
        buffer.put(datagram);
        count++;
        return true;
    }

    int count() {
        return count;
    }

    int segmentSize() {
        return segmentSize;
    }

    /** Bytes of all datagrams together. */
    int bytes() {
        return buffer.position();
    }

    /** Length of datagram {@code i}: the segment size, but the last may be shorter. */
    int lengthOf(int i) {
        return i < count - 1 ? segmentSize : bytes() - segmentSize * (count - 1);
    }

    ByteBuffer buffer() {
        return buffer;
    }

    void clear() {
        buffer.clear();
        count = 0;
        closed = false;
    }
}
