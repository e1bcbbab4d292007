package dev.chainlightning.reorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static final long MS = 1_000_000;
    private final List<Integer> delivered = new ArrayList<>();
    private final ReorderBuffer buffer = new ReorderBuffer(16, 64, 50 * MS, 0, 0, p -> delivered.add(p.getInt(p.position())));

    /** A stand-in packet whose first 4 bytes are its sequence number (what the sink records). */
    private static ByteBuffer packet(int sequence) {
        return ByteBuffer.allocate(8).putInt(sequence).putInt(0).flip();
    }

    private void offer(int sequence, int link, long nowMs) {
        buffer.offer(sequence, packet(sequence), link, nowMs * MS);
    }

    @Test
    void inOrderPacketsGoStraightThrough() {
        for (int i = 0; i < 5; i++) {
            offer(i, 0, 0);
        }
        assertThat(delivered).containsExactly(0, 1, 2, 3, 4);
        assertThat(buffer.waiting()).isZero();
    }

    @Test
    void earlyPacketsWaitForTheGapToClose() {
        offer(1, 0, 0);
        offer(2, 0, 0);
        assertThat(delivered).isEmpty();
        offer(0, 1, 1);
        assertThat(delivered).containsExactly(0, 1, 2);
    }

    @Test
    void duplicatesAndLatePacketsAreNeverDelivered() {
        offer(0, 0, 0);
        offer(0, 1, 0);
        offer(2, 0, 0);
        offer(2, 1, 0);
        offer(1, 0, 0);
        offer(1, 1, 0);
        assertThat(delivered).containsExactly(0, 1, 2);
        assertThat(buffer.late()).isEqualTo(2);
        assertThat(buffer.duplicates()).isEqualTo(1);
    }

    @Test
    void aGapIsGivenUpAfterTheTimeoutWhenALinkMayStillCarryIt() {
        offer(0, 0, 0);
        offer(1, 1, 0); // link 1's highest is 1
        offer(3, 0, 1); // link 0 is past 2, link 1 is not: 2 may still be on link 1
        assertThat(buffer.poll(20 * MS)).isPositive();
        assertThat(delivered).containsExactly(0, 1);
        long wait = buffer.poll(51 * MS);
        assertThat(wait).isEqualTo(Long.MAX_VALUE);
        assertThat(delivered).containsExactly(0, 1, 3);
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(buffer.timeouts()).isEqualTo(1);
    }

    @Test
    void aGapBelowWhatEveryLinkDeliveredIsLostAfterTheShortHold() {
        offer(0, 0, 0);
        offer(2, 1, 10); // 1 is missing; link 0 has only reached 0
        offer(3, 0, 10); // now both links are past 1
        assertThat(delivered).containsExactly(0);
        buffer.poll(13 * MS); // past the 2 ms hold, long before the 50 ms timeout
        assertThat(delivered).containsExactly(0, 2, 3);
        assertThat(buffer.timeouts()).isZero();
        assertThat(buffer.lost()).isEqualTo(1);
        offer(1, 0, 14);
        assertThat(delivered).containsExactly(0, 2, 3);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void aQuietLinkDoesNotHoldBackLossDetection() {
        offer(0, 1, 0);       // link 1 carried data once
        offer(2, 0, 100);     // 100 ms later, link 1 is quiet: only link 0 counts
        offer(3, 0, 100);
        buffer.poll(103 * MS);
        assertThat(delivered).containsExactly(0, 2, 3);
        assertThat(buffer.timeouts()).isZero();
    }

    @Test
    void aPacketTooFarAheadForcesOutTheOldestGap() {
        offer(0, 0, 0);
        offer(5, 0, 0);
        offer(20, 1, 0); // capacity 16: the window must move to 5..20
        assertThat(delivered).containsExactly(0, 5);
        assertThat(buffer.nextSequence()).isEqualTo(6);
    }

    @Test
    void sequenceNumbersWrapAround() {
        ReorderBuffer wrapping = new ReorderBuffer(16, 64, 50 * MS, 0, Integer.MAX_VALUE - 1,
                p -> delivered.add(p.getInt(p.position())));
        int[] order = {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, Integer.MIN_VALUE};
        for (int sequence : order) {
            wrapping.offer(sequence, ByteBuffer.allocate(4).putInt(sequence).flip(), 0, 0);
        }
        assertThat(delivered).containsExactly(Integer.MAX_VALUE - 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1);
    }

    @Test
    void afterARestartTheNextPacketSetsTheDeliveryPoint() {
        for (int i = 0; i < 10; i++) {
            offer(i, 0, 0);
        }
        offer(11, 0, 0); // waits for 10
        buffer.restart();
        assertThat(delivered).endsWith(9, 11); // what waited is delivered, not lost
        offer(0, 0, 1); // the restarted sender counts from 0 again
        offer(1, 1, 1);
        assertThat(delivered).endsWith(11, 0, 1);
        offer(0, 0, 1);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void theWaitFollowsTheMeasuredSpreadWithinItsBounds() {
        buffer.adaptTimeout(10 * MS);
        assertThat(buffer.timeoutNanos()).isEqualTo(10 * MS);
        offer(0, 0, 0);
        offer(1, 1, 0);
        offer(3, 0, 0); // 2 may still be on link 1
        buffer.poll(9 * MS);
        assertThat(delivered).containsExactly(0, 1);
        buffer.poll(10 * MS);
        assertThat(delivered).containsExactly(0, 1, 3);
        buffer.adaptTimeout(Long.MAX_VALUE);
        assertThat(buffer.timeoutNanos()).isEqualTo(50 * MS); // never above the configured bound
        buffer.adaptTimeout(0);
        assertThat(buffer.timeoutNanos()).isEqualTo(ReorderBuffer.MIN_LOSS_HOLD_NANOS); // nor under the loss hold
    }

    @Test
    void deliversThePacketBytesUnchanged() {
        List<String> texts = new ArrayList<>();
        ReorderBuffer textBuffer = new ReorderBuffer(8, 64, 50 * MS, 0, 0, p -> {
            byte[] bytes = new byte[p.remaining()];
            p.get(bytes);
            texts.add(new String(bytes));
        });
        textBuffer.offer(1, ByteBuffer.wrap("second".getBytes()), 0, 0);
        textBuffer.offer(0, ByteBuffer.wrap("first".getBytes()), 1, 0);
        assertThat(texts).containsExactly("first", "second");
    }

    private void offerDue(int sequence, int link, long nowMs, long dueMs) {
        buffer.offer(sequence, packet(sequence), link, nowMs * MS, dueMs * MS);
    }

    private void offerExpress(int sequence, int link, long nowMs) {
        buffer.offerExpress(sequence, packet(sequence), link, nowMs * MS);
    }

    @Test
    void anInOrderPacketWaitsForItsDueTime() {
        offerDue(0, 0, 0, 30);
        offerDue(1, 0, 1, 31);
        assertThat(delivered).isEmpty();
        assertThat(buffer.poll(10 * MS)).isEqualTo(20 * MS);
        buffer.poll(30 * MS);
        assertThat(delivered).containsExactly(0);
        buffer.poll(31 * MS);
        assertThat(delivered).containsExactly(0, 1);
    }

    @Test
    void aSecondCopyOfAHeldPacketIsDroppedNotDeliveredTwice() {
        offerDue(0, 0, 0, 30);
        offerDue(0, 1, 5, 30);
        buffer.poll(30 * MS);
        assertThat(delivered).containsExactly(0);
        assertThat(buffer.duplicates()).isEqualTo(1);
    }

    @Test
    void givingUpAGapNeverReleasesAPacketBeforeItsDueTime() {
        offerDue(1, 0, 0, 40); // 0 is missing and the only link is past it: lost, once the short hold is over
        buffer.poll(39 * MS);
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(delivered).isEmpty();
        buffer.poll(40 * MS);
        assertThat(delivered).containsExactly(1);
    }

    @Test
    void aTimedOutGapDeliversTheHeldPacketsOnlyWhenDue() {
        offerDue(1, 0, 0, 80); // 0 missing; 1 due at 80 ms, later than the 50 ms gap timeout
        buffer.poll(60 * MS);
        assertThat(buffer.lost()).isEqualTo(1);
        assertThat(delivered).isEmpty();
        buffer.poll(80 * MS);
        assertThat(delivered).containsExactly(1);
    }

    @Test
    void expressPacketsGoThroughAtOnceAheadOfHeldOnes() {
        offerDue(0, 1, 0, 50);
        offerExpress(1, 0, 1);
        assertThat(delivered).containsExactly(1);
        offerDue(2, 1, 2, 52);
        buffer.poll(52 * MS);
        assertThat(delivered).containsExactly(1, 0, 2);
        assertThat(buffer.lost()).isZero();
        assertThat(buffer.delivered()).isEqualTo(3);
    }

    @Test
    void aSecondCopyOfAnExpressPacketIsDropped() {
        offerDue(0, 1, 0, 50);
        offerExpress(1, 0, 1);
        offerExpress(1, 2, 3); // redundant copy on another link, still ahead of the delivery point
        buffer.poll(50 * MS);
        offerExpress(1, 2, 60); // a third, now behind it
        assertThat(delivered).containsExactly(1, 0);
        assertThat(buffer.duplicates()).isEqualTo(1);
        assertThat(buffer.late()).isEqualTo(1);
    }

    @Test
    void anExpressPacketAtTheDeliveryPointMovesItOn() {
        offerExpress(0, 0, 0);
        offer(1, 0, 0);
        assertThat(delivered).containsExactly(0, 1);
        assertThat(buffer.waiting()).isZero();
    }

    /** Records what the buffer reports missing, as "first+count". */
    private static final class Reports implements LossReporter {
        final List<String> runs = new ArrayList<>();
        int flushes;

        @Override
        public void missing(int first, int count) {
            runs.add(first + "+" + count);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void aLostPacketIsAskedForOnceAndWaitedForBeforeItIsGivenUp() {
        Reports reports = new Reports();
        buffer.reportLossesTo(reports);
        buffer.resendWait(30 * MS);
        offer(0, 0, 0);
        offer(2, 0, 1); // 1 missing; link 0 (the only one) is past it: lost after the short hold
        buffer.poll(5 * MS);
        assertThat(reports.runs).containsExactly("1+1");
        buffer.poll(20 * MS);
        assertThat(reports.runs).as("asked once").hasSize(1);
        assertThat(delivered).containsExactly(0);
        offer(1, 1, 25); // the resent copy, on another link
        assertThat(delivered).containsExactly(0, 1, 2);
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void aPacketThatDoesNotComeAgainIsGivenUpAfterTheResendWait() {
        Reports reports = new Reports();
        buffer.reportLossesTo(reports);
        buffer.resendWait(30 * MS);
        offer(0, 0, 0);
        offer(2, 0, 1);
        buffer.poll(5 * MS);
        long wait = buffer.poll(20 * MS);
        assertThat(wait).isEqualTo(15 * MS);
        buffer.poll(35 * MS);
        assertThat(delivered).containsExactly(0, 2);
        assertThat(buffer.lost()).isEqualTo(1);
    }

    @Test
    void allGapsOfADeadLinkAreAskedForInOneBatch() {
        Reports reports = new Reports();
        buffer.reportLossesTo(reports);
        buffer.resendWait(30 * MS);
        // link 1 dies: its packets 1, 3, 5 never come; link 0 delivers 0, 2, 4, 6, then traffic stops
        // (TCP waits for the missing data), so only the timeout can tell
        offer(0, 0, 0);
        offer(2, 0, 0);
        offer(4, 0, 0);
        offer(6, 0, 0);
        buffer.poll(51 * MS); // the timeout passes for all of them
        assertThat(reports.runs).containsExactly("1+1", "3+1", "5+1");
        assertThat(reports.flushes).isEqualTo(1);
        offer(1, 0, 60);
        offer(3, 0, 60);
        offer(5, 0, 60);
        assertThat(delivered).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(buffer.lost()).isZero();
    }
}
