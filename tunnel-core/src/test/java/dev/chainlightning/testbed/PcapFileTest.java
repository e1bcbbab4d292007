package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapFileTest {
    private static final byte[] PAYLOAD = {1, 0, 1, 0, 0x12, 0x34, 0x56, 0x78, 9, 9, 9};

    @Test
    void readsUdpOverIpv4InEveryLinkTypeAndByteOrder() throws IOException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (int linkType : List.of(PcapFile.LINKTYPE_ETHERNET, PcapFile.LINKTYPE_LINUX_SLL,
                    PcapFile.LINKTYPE_LINUX_SLL2, PcapFile.LINKTYPE_RAW)) {
                byte[] file = pcap(order, PcapFile.MAGIC_MICROS, linkType, frame(linkType, 0x0800, ipv4Udp(9003, PAYLOAD, 0)));
                List<UdpDatagram> read = PcapFile.parseUdp(file);
                assertThat(read).as(order + " link type " + linkType).hasSize(1);
                assertThat(read.get(0).dstPort()).isEqualTo(9003);
                assertThat(read.get(0).payload()).isEqualTo(PAYLOAD);
            }
        }
    }

    @Test
    void readsNanosecondFilesAndIpv6() throws IOException {
        byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, PcapFile.MAGIC_NANOS, PcapFile.LINKTYPE_LINUX_SLL2,
                frame(PcapFile.LINKTYPE_LINUX_SLL2, 0x86dd, ipv6Udp(9001, PAYLOAD)));
        List<UdpDatagram> read = PcapFile.parseUdp(file);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).dstPort()).isEqualTo(9001);
        assertThat(read.get(0).payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void keepsOrderAndSkipsFragmentsOtherProtocolsAndSnappedPackets() throws IOException {
        int sll = PcapFile.LINKTYPE_LINUX_SLL;
        byte[] tcp = ipv4Udp(80, PAYLOAD, 0);
        tcp[9] = 6;
        byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, PcapFile.MAGIC_MICROS, sll,
                frame(sll, 0x0800, ipv4Udp(9001, new byte[] {1}, 0)),
                frame(sll, 0x0800, ipv4Udp(9002, PAYLOAD, 0x2000)), // more fragments follow
                frame(sll, 0x0800, tcp),
                frame(sll, 0x0806, new byte[28]), // ARP
                frame(sll, 0x0800, ipv4Udp(9005, new byte[0], 0)));
        byte[] snapped = pcap(ByteOrder.LITTLE_ENDIAN, PcapFile.MAGIC_MICROS, sll, frame(sll, 0x0800, ipv4Udp(9001, PAYLOAD, 0)));
        ByteBuffer.wrap(snapped).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 12, 9999); // original length > captured

        List<UdpDatagram> read = PcapFile.parseUdp(file);
        assertThat(read).extracting(UdpDatagram::dstPort).containsExactly(9001, 9005);
        assertThat(read.get(1).payload()).isEmpty();
        assertThat(PcapFile.parseUdp(snapped)).isEmpty();
    }

    @Test
    void aRecordCutShortAtTheEndEndsTheList() throws IOException {
        int raw = PcapFile.LINKTYPE_RAW;
        byte[] file = pcap(ByteOrder.BIG_ENDIAN, PcapFile.MAGIC_MICROS, raw,
                frame(raw, 0, ipv4Udp(9001, PAYLOAD, 0)), frame(raw, 0, ipv4Udp(9002, PAYLOAD, 0)));
        assertThat(PcapFile.parseUdp(Arrays.copyOf(file, file.length - 5))).extracting(UdpDatagram::dstPort).containsExactly(9001);
    }

    @Test
    void refusesWhatIsNotAClassicPcap() {
        assertThatThrownBy(() -> PcapFile.parseUdp(new byte[10])).hasMessageContaining("not a pcap");
        byte[] pcapng = new byte[32];
        ByteBuffer.wrap(pcapng).putInt(0x0a0d0d0a);
        assertThatThrownBy(() -> PcapFile.parseUdp(pcapng)).hasMessageContaining("pcapng");
        assertThatThrownBy(() -> PcapFile.parseUdp(pcap(ByteOrder.BIG_ENDIAN, PcapFile.MAGIC_MICROS, 105)))
                .hasMessageContaining("link type 105");
    }

    private static byte[] pcap(ByteOrder order, int magic, int linkType, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.writeBytes(header.array());
        int second = 1_700_000_000;
        for (byte[] frame : frames) {
            ByteBuffer record = ByteBuffer.allocate(16).order(order);
            record.putInt(second++).putInt(123).putInt(frame.length).putInt(frame.length);
            out.writeBytes(record.array());
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** The link-layer header in front of an IP packet, network byte order. */
    private static byte[] frame(int linkType, int etherType, byte[] ip) {
        ByteBuffer b = switch (linkType) {
            case PcapFile.LINKTYPE_ETHERNET -> ByteBuffer.allocate(14 + ip.length).put(12, (byte) (etherType >> 8)).put(13, (byte) etherType).position(14);
            case PcapFile.LINKTYPE_LINUX_SLL -> ByteBuffer.allocate(16 + ip.length).putShort(14, (short) etherType).position(16);
            case PcapFile.LINKTYPE_LINUX_SLL2 -> ByteBuffer.allocate(20 + ip.length).putShort(0, (short) etherType).position(20);
            default -> ByteBuffer.allocate(ip.length);
        };
        return b.put(ip).array();
    }

    private static byte[] ipv4Udp(int dstPort, byte[] payload, int fragmentField) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putShort((short) 1).putShort((short) fragmentField)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {10, 20, 0, 1}).put(new byte[] {10, 20, 0, 2});
        return udp(b, dstPort, payload);
    }

    private static byte[] ipv6Udp(int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + payload.length);
        b.putInt(0x60000000).putShort((short) (8 + payload.length)).put((byte) 17).put((byte) 64).put(new byte[32]);
        return udp(b, dstPort, payload);
    }

    private static byte[] udp(ByteBuffer b, int dstPort, byte[] payload) {
        b.putShort((short) 40000).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        return b.array();
    }
}
