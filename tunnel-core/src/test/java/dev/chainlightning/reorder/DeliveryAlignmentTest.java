package dev.chainlightning.reorder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryAlignmentTest {
    private static final long MS = 1_000_000;

    /** The sender's clock runs {@code offset} ahead of ours; its timestamp as DataBody writes it. */
    private static int stamp(long senderNanos) {
        return (int) (senderNanos / 1000) & 0x7fff_ffff;
    }

    @Test
    void aPacketFromANearLinkWaitsForTheSlowestLinksDelay() {
        long offset = 123_456_789_000L; // unknown clock offset between the two ends
        DeliveryAlignment alignment = new DeliveryAlignment(250 * MS);
        alignment.alignTo(60 * MS - offset); // slowest link: arrival minus send = 60 ms - offset
        long sent = 1_000 * MS + offset; // sender's clock
        long arrivedNear = 1_000 * MS + 10 * MS; // 10 ms link, our clock
        assertThat(alignment.dueNanos(stamp(sent), arrivedNear)).isCloseTo(1_060 * MS, org.assertj.core.data.Offset.offset(2_000L));
        long arrivedFar = 1_000 * MS + 60 * MS;
        assertThat(alignment.dueNanos(stamp(sent), arrivedFar)).isEqualTo(arrivedFar);
    }

    @Test
    void worksAcrossTheTimestampWrap() {
        DeliveryAlignment alignment = new DeliveryAlignment(250 * MS);
        long wrap = (1L << 31) * 1000; // the µs stamp wraps here
        alignment.alignTo(40 * MS);
        long sent = wrap - 5 * MS;
        long arrived = sent + 15 * MS; // after the wrap
        assertThat(alignment.dueNanos(stamp(sent), arrived)).isCloseTo(sent + 40 * MS, org.assertj.core.data.Offset.offset(2_000L));
    }

    @Test
    void theHoldIsBoundedWhateverTheTimestampSays() {
        DeliveryAlignment alignment = new DeliveryAlignment(100 * MS);
        alignment.alignTo(10_000 * MS);
        assertThat(alignment.dueNanos(stamp(0), 0)).isEqualTo(100 * MS);
    }

    @Test
    void unalignedDeliversAtOnce() {
        DeliveryAlignment alignment = new DeliveryAlignment(100 * MS);
        assertThat(alignment.dueNanos(stamp(0), 5 * MS)).isEqualTo(5 * MS);
        alignment.alignTo(50 * MS);
        alignment.off();
        assertThat(alignment.dueNanos(stamp(0), 5 * MS)).isEqualTo(5 * MS);
    }
}
