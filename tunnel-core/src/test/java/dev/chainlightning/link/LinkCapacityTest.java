package dev.chainlightning.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkCapacityTest {
    private static final long MS = 1_000_000L;

    private long received;
    private long sent;
    private long now;

    /**
     * Feeds {@code seconds} of reports every 100 ms: we send {@code offeredMbit}, the link delivers
     * {@code mbit} with {@code queueMs} of queue.
     */
    private void feed(LinkCapacity capacity, double offeredMbit, double mbit, long queueMs, int seconds) {
        for (int i = 0; i < seconds * 10; i++) {
            now += 100 * MS;
            received += (long) (mbit * 1e6 / 8 / 10);
            sent += (long) (offeredMbit * 1e6 / 8 / 10);
            capacity.onFeedback(received, sent, queueMs * MS, now);
        }
    }

    @Test
    void aFullLinkComesDownToWhatItDelivers() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 9, 9, 0, 1);     // the estimate probes up from 10 Mbit/s while 9 get through
        feed(capacity, 12, 12, 20, 5);  // then the link tops out at 12 with a standing queue
        assertThat(capacity.capacityBps() / 1e6).isBetween(11.5, 14.0);
    }

    @Test
    void sendingMoreThanArrivesSaysTheLinkIsFullEvenWithoutAQueue() {
        LinkCapacity capacity = new LinkCapacity(40);
        feed(capacity, 30, 12, 0, 5);   // a bottleneck that drops rather than queues: 12 of 30 get through
        assertThat(capacity.capacityBps() / 1e6).isBetween(11.5, 14.0);
    }

    @Test
    void aQueueOnALinkWeBarelyUseDoesNotTakeItsEstimateDown() {
        LinkCapacity capacity = new LinkCapacity(0);
        feed(capacity, 0.02, 0.02, 30, 10); // heartbeats only, and a jittery line that looks queued
        assertThat(capacity.capacityBps() / 1e6).isGreaterThanOrEqualTo(10.0);
    }
}
