package dev.chainlightning.testbed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UDP datagrams out of a classic libpcap file (what {@code tcpdump -w} writes): either
 * byte order, microsecond or nanosecond timestamps, and the link types a capture gives on Linux:
 * Ethernet, LINUX_SLL and LINUX_SLL2 ({@code -i any}) and raw IP. Packets that are not complete,
 * unfragmented UDP over IPv4 or IPv6 (no extension headers) are skipped; a record cut short at the
 * end of the file (tcpdump stopped while writing) ends the list.
 */
public final class PcapFile {
    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int MAGIC_NANOS = 0xa1b23c4d;
    static final int LINKTYPE_ETHERNET = 1;
    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_LINUX_SLL = 113;
    static final int LINKTYPE_LINUX_SLL2 = 276;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int IP_PROTO_UDP = 17;

    /** One captured UDP datagram: where it was going and what it carried. */
    public record UdpDatagram(int dstPort, byte[] payload) {
    }

    private PcapFile() {
    }

    public static List<UdpDatagram> readUdp(Path file) throws IOException {
        return parseUdp(Files.readAllBytes(file));
    }

    public static List<UdpDatagram> parseUdp(byte[] file) throws IOException {
        if (file.length < GLOBAL_HEADER) {
            throw new IOException("not a pcap file: " + file.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(file).order(byteOrder(file));
        int linkType = in.getInt(20);
        if (!List.of(LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2).contains(linkType)) {
            throw new IOException("unsupported pcap link type " + linkType);
        }
        List<UdpDatagram> datagrams = new ArrayList<>();
        int at = GLOBAL_HEADER;
        while (at + RECORD_HEADER <= file.length) {
            int captured = in.getInt(at + 8);
            int original = in.getInt(at + 12);
            int start = at + RECORD_HEADER;
            if (captured < 0 || start + captured > file.length) {
                break; // the last record was still being written
            }
            if (captured == original) { // cut by the snap length: the payload is incomplete
                UdpDatagram d = udpInFrame(ByteBuffer.wrap(file, start, captured).slice(), linkType);
                if (d != null) {
                    datagrams.add(d);
                }
            }
            at = start + captured;
        }
        return datagrams;
    }

    /** The magic number, read big-endian, says which order the writer used. */
    private static ByteOrder byteOrder(byte[] file) throws IOException {
        int big = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (big == MAGIC_MICROS || big == MAGIC_NANOS) {
            return ByteOrder.BIG_ENDIAN;
        }
        int little = Integer.reverseBytes(big);
        if (little == MAGIC_MICROS || little == MAGIC_NANOS) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw new IOException("not a classic pcap file (magic " + Integer.toHexString(big) + "; pcapng is not read)");
    }

    /** Frame contents are network byte order whatever the file's order. */
    private static UdpDatagram udpInFrame(ByteBuffer frame, int linkType) {
        int etherType;
        int ip;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (frame.limit() < 14) {
                    return null;
                }
                etherType = frame.getShort(12) & 0xffff;
                ip = 14;
                if (etherType == ETHERTYPE_VLAN && frame.limit() >= 18) {
                    etherType = frame.getShort(16) & 0xffff;
                    ip = 18;
                }
            }
            case LINKTYPE_LINUX_SLL -> {
                if (frame.limit() < 16) {
                    return null;
                }
                etherType = frame.getShort(14) & 0xffff;
                ip = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (frame.limit() < 20) {
                    return null;
                }
                etherType = frame.getShort(0) & 0xffff;
                ip = 20;
            }
            default -> { // raw IP: the version nibble says which
                if (frame.limit() < 1) {
                    return null;
                }
                etherType = (frame.get(0) & 0xf0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
                ip = 0;
            }
        }
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> udpInIpv4(frame, ip);
            case ETHERTYPE_IPV6 -> udpInIpv6(frame, ip);
            default -> null;
        };
    }

    private static UdpDatagram udpInIpv4(ByteBuffer frame, int ip) {
        if (frame.limit() < ip + 20 || (frame.get(ip) & 0xf0) != 0x40) {
            return null;
        }
        int headerLength = (frame.get(ip) & 0x0f) * 4;
        int totalLength = frame.getShort(ip + 2) & 0xffff;
        int fragment = frame.getShort(ip + 6) & 0x3fff; // more-fragments flag and offset
        if (fragment != 0 || frame.get(ip + 9) != IP_PROTO_UDP || headerLength < 20
                || totalLength < headerLength || ip + totalLength > frame.limit()) {
            return null;
        }
        return udp(frame, ip + headerLength, ip + totalLength);
    }

    private static UdpDatagram udpInIpv6(ByteBuffer frame, int ip) {
        if (frame.limit() < ip + 40 || frame.get(ip + 6) != IP_PROTO_UDP) {
            return null;
        }
        int end = ip + 40 + (frame.getShort(ip + 4) & 0xffff);
        return end > frame.limit() ? null : udp(frame, ip + 40, end);
    }

    private static UdpDatagram udp(ByteBuffer frame, int udp, int ipEnd) {
        if (udp + 8 > ipEnd) {
            return null;
        }
        int length = frame.getShort(udp + 4) & 0xffff;
        if (length < 8 || udp + length > ipEnd) {
            return null;
        }
        byte[] payload = new byte[length - 8];
        frame.get(udp + 8, payload);
        return new UdpDatagram(frame.getShort(udp + 2) & 0xffff, payload);
    }
}
