package dev.chainlightning.sched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendQueueTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong aqmDrops = new AtomicLong();

    private static void write(SendQueue queue, int marker, int length, long now) {
        ByteBuffer slot = queue.tail();
        for (int i = 0; i < length; i++) {
            slot.put(i, (byte) marker);
        }
        queue.commit(length, now);
    }

    @Test
    void packetsLeaveInOrderWithTheirLengths() {
        SendQueue queue = new SendQueue(4, 100, aqmDrops);
        for (int i = 1; i <= 3; i++) {
            write(queue, i, 10 * i, 0);
        }
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.queuedBytes()).isEqualTo(60);
        for (int i = 1; i <= 3; i++) {
            ByteBuffer head = queue.head(MS);
            assertThat(head.position()).isZero();
            assertThat(head.limit()).isEqualTo(10 * i);
            assertThat(head.get(10 * i - 1)).isEqualTo((byte) i);
            queue.removeHead();
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.head(MS)).isNull();
    }

    @Test
    void wrapsAroundAndReportsFull() {
        SendQueue queue = new SendQueue(4, 100, aqmDrops);
        for (int round = 0; round < 10; round++) {
            while (!queue.isFull()) {
                write(queue, round, 20, 0);
            }
            assertThat(queue.size()).isEqualTo(4);
            while (queue.head(0) != null) {
                assertThat(queue.head(0).get(0)).isEqualTo((byte) round);
                queue.removeHead();
            }
        }
        assertThat(aqmDrops.get()).isZero();
    }

    @Test
    void aStandingQueueLosesPacketsFromTheHeadAndCountsThem() {
        SendQueue queue = new SendQueue(4096, 64, aqmDrops);
        long now = 1;
        int sent = 0;
        // 4000 packets arrive every 0.1 ms, but only one leaves per 0.2 ms: the wait grows past CoDel's
        // target and stays there for more than its interval.
        for (int i = 0; i < 4000; i++, now += MS / 10) {
            write(queue, 1, 64, now);
            if (i % 2 == 0 && queue.head(now) != null) {
                queue.removeHead();
                sent++;
            }
        }
        assertThat(aqmDrops.get()).isPositive();
        assertThat(sent + aqmDrops.get() + queue.size()).isEqualTo(4000);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new SendQueue(3, 64, aqmDrops)).isInstanceOf(IllegalArgumentException.class);
    }
}
