package dev.chainlightning.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ExpressClassifierTest {
    private final ExpressClassifier classifier = new ExpressClassifier(160);

    /** An IPv4 packet of {@code total} bytes with the given protocol; for TCP a 32-byte header with {@code flags}. */
    private static ByteBuffer ipv4(int protocol, int total, int tcpFlags) {
        ByteBuffer p = ByteBuffer.allocate(total);
        p.put(0, (byte) 0x45).putShort(2, (short) total).put(9, (byte) protocol);
        if (protocol == 6) {
            p.put(20 + 12, (byte) (8 << 4)).put(20 + 13, (byte) tcpFlags);
        }
        return p;
    }

    private boolean express(ByteBuffer p) {
        return classifier.isExpress(p, 0, p.capacity());
    }

    @Test
    void pureAcksAndSynsAreExpress() {
        assertThat(express(ipv4(6, 52, 0x10))).isTrue(); // ACK
        assertThat(express(ipv4(6, 52, 0x02))).isTrue(); // SYN
        assertThat(express(ipv4(6, 52, 0x04))).isTrue(); // RST
    }

    @Test
    void synAckAndFinStayBulk() {
        assertThat(express(ipv4(6, 52, 0x12))).isFalse();
        assertThat(express(ipv4(6, 52, 0x11))).isFalse();
    }

    @Test
    void tcpSegmentsWithDataStayBulkEvenWhenSmall() {
        assertThat(express(ipv4(6, 53, 0x18))).isFalse();
        assertThat(express(ipv4(6, 100, 0x18))).isFalse();
    }

    @Test
    void smallUdpAndIcmpAreExpressUpToTheLimit() {
        assertThat(express(ipv4(17, 80, 0))).isTrue();
        assertThat(express(ipv4(1, 84, 0))).isTrue();
        assertThat(express(ipv4(17, 160, 0))).isTrue();
        assertThat(express(ipv4(17, 161, 0))).isFalse();
        assertThat(express(ipv4(1, 1400, 0))).isFalse();
    }

    @Test
    void fragmentsAndOtherProtocolsAreBulk() {
        ByteBuffer fragment = ipv4(17, 80, 0);
        fragment.putShort(6, (short) 0x2000); // more fragments
        assertThat(express(fragment)).isFalse();
        assertThat(express(ipv4(47, 80, 0))).isFalse(); // GRE
    }

    @Test
    void ipv6AcksAndSmallUdpAreExpress() {
        ByteBuffer ack = ByteBuffer.allocate(72);
        ack.put(0, (byte) 0x60).putShort(4, (short) 32).put(6, (byte) 6).put(40 + 12, (byte) (8 << 4)).put(40 + 13, (byte) 0x10);
        assertThat(express(ack)).isTrue();
        ByteBuffer dns = ByteBuffer.allocate(90);
        dns.put(0, (byte) 0x60).putShort(4, (short) 50).put(6, (byte) 17);
        assertThat(express(dns)).isTrue();
    }

    @Test
    void zeroTurnsExpressOff() {
        assertThat(new ExpressClassifier(0).isExpress(ipv4(6, 52, 0x10), 0, 52)).isFalse();
    }
}
