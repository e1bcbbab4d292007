package dev.chainlightning.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SegmentBatchTest {
    private static ByteBuffer datagram(int size) {
        return ByteBuffer.allocate(size);
    }

    @Test
    void equalSizesAndOneShorterLastJoin() {
        SegmentBatch batch = new SegmentBatch(64);
        assertTrue(batch.add(datagram(100)));
        assertTrue(batch.add(datagram(100)));
        assertTrue(batch.add(datagram(40)));
        assertEquals(3, batch.count());
        assertEquals(240, batch.bytes());
        assertEquals(100, batch.lengthOf(1));
        assertEquals(40, batch.lengthOf(2));
    }

    @Test
    void nothingFollowsAShorterDatagram() {
        SegmentBatch batch = new SegmentBatch(64);
        batch.add(datagram(100));
        batch.add(datagram(40));
        assertFalse(batch.add(datagram(40)));
        assertFalse(batch.add(datagram(100)));
        assertEquals(2, batch.count());
    }

    @Test
    void aLongerDatagramStartsTheNextBatch() {
        SegmentBatch batch = new SegmentBatch(64);
        batch.add(datagram(100));
        ByteBuffer longer = datagram(120);
        assertFalse(batch.add(longer));
        assertEquals(0, longer.position(), "a refused datagram is left untouched");
        batch.clear();
        assertTrue(batch.add(longer));
        assertEquals(120, batch.segmentSize());
    }

    @Test
    void segmentAndByteLimitsHold() {
        SegmentBatch few = new SegmentBatch(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(few.add(datagram(10)));
        }
        assertFalse(few.add(datagram(10)));
        SegmentBatch big = new SegmentBatch(64);
        int fits = SegmentBatch.MAX_BYTES / 1500;
        for (int i = 0; i < fits; i++) {
            assertTrue(big.add(datagram(1500)));
        }
        assertFalse(big.add(datagram(1500)));
    }
}
