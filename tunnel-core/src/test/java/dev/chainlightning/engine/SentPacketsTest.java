package dev.chainlightning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SentPacketsTest {
    private static ByteBuffer body(int sequence, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(0, sequence);
        return b;
    }

    @Test
    void aRecentPacketCanBeCopiedBackWithItsLink() {
        SentPackets sent = new SentPackets(8, 64);
        sent.remember(5, body(5, 40), 2);
        ByteBuffer into = ByteBuffer.allocate(64);
        assertThat(sent.copy(5, into)).isTrue();
        assertThat(into.remaining()).isEqualTo(40);
        assertThat(into.getInt(0)).isEqualTo(5);
        assertThat(sent.linkOf(5)).isEqualTo(2);
    }

    @Test
    void aPacketOverwrittenByANewerOneIsGone() {
        SentPackets sent = new SentPackets(8, 64);
        sent.remember(5, body(5, 40), 0);
        sent.remember(13, body(13, 40), 1); // same slot
        assertThat(sent.copy(5, ByteBuffer.allocate(64))).isFalse();
        assertThat(sent.linkOf(5)).isEqualTo(-1);
    }

    @Test
    void theSecondCopyOfANackDoesNotSendAPacketTwice() {
        SentPackets sent = new SentPackets(8, 64);
        sent.remember(1, body(1, 40), 0);
        assertThat(sent.claimResend(1, 0, 20)).isTrue();
        assertThat(sent.claimResend(1, 10, 20)).isFalse();
        assertThat(sent.claimResend(1, 30, 20)).isTrue();
    }
}
