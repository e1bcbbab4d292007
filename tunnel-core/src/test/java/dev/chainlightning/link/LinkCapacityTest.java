package dev.chainlightning.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkCapacityTest {
    private static final long MS = 1_000_000L;

    /** Feeds {@code seconds} of reports every 100 ms: the link delivers {@code mbit} with {@code queueMs} of queue. */
    private static void feed(LinkCapacity capacity, long[] bytes, long[] now, double mbit, long queueMs, int seconds) {
        for (int i = 0; i < seconds * 10; i++) {
            now[0] += 100 * MS;
            bytes[0] += (long) (mbit * 1e6 / 8 / 10);
            capacity.onFeedback(bytes[0], queueMs * MS, now[0]);
        }
    }

    @Test
    void aFullLinkComesDownToWhatItDelivers() {
        LinkCapacity capacity = new LinkCapacity(0);
        long[] bytes = {0};
        long[] now = {0};
        feed(capacity, bytes, now, 9, 0, 1);    // the estimate probes up from 10 Mbit/s while 9 get through
        feed(capacity, bytes, now, 12, 20, 5);  // then the link tops out at 12 with a standing queue
        assertThat(capacity.capacityBps() / 1e6).isBetween(11.5, 14.0);
    }

    @Test
    void aQueueOnALinkWeBarelyUseDoesNotTakeItsEstimateDown() {
        LinkCapacity capacity = new LinkCapacity(0);
        long[] bytes = {0};
        long[] now = {0};
        feed(capacity, bytes, now, 0.02, 30, 10); // heartbeats only, and a jittery line that looks queued
        assertThat(capacity.capacityBps() / 1e6).isGreaterThanOrEqualTo(10.0);
    }
}
