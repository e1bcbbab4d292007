package dev.chainlightning.sched;

import java.nio.ByteBuffer;

/**
 * Decides which inner packets travel express: on the link where they arrive first, delivered the
 * moment they arrive rather than held for the bond's common delivery time. Those are packets
 * whose delay costs more than their size, and which cannot upset a TCP receiver by overtaking
 * bulk packets:
 * <ul>
 *   <li>TCP segments without payload (ACKs, SYN, RST): they carry no data bytes, so arriving
 *       before earlier data segments of their flow reorders nothing TCP counts. Two exceptions
 *       stay bulk: a FIN takes a place in the byte stream, so it keeps its order; and a SYN-ACK
 *       must take the bulk path because the round trip a TCP measures on its handshake (SYN
 *       one way, SYN-ACK or the first ACK back) must not undercut the one its data sees (bulk
 *       one way, ACKs back): BBR keeps the smallest round trip it ever saw and caps its data in
 *       flight at twice the rate times that, so an express-only handshake would starve it;</li>
 *   <li>any other IP packet (UDP such as DNS or game traffic, ICMP) up to the size limit.</li>
 * </ul>
 * TCP segments that carry data stay bulk even when small: one overtaking an earlier full segment
 * of its flow would look like loss to the TCP sender. Fragments and unknown IPv6 extension
 * headers are bulk too (nothing to learn from them cheaply). Both limits are
 * {@code small_packet_bytes}; 0 turns express off. Allocation-free.
 */
public final class ExpressClassifier {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int ICMPV6 = 58;

    private final int smallPacketBytes;

    public ExpressClassifier(int smallPacketBytes) {
        this.smallPacketBytes = smallPacketBytes;
    }

    /** Whether the IP packet of {@code length} bytes at {@code offset} of {@code packet} is express. */
    public boolean isExpress(ByteBuffer packet, int offset, int length) {
        if (length > smallPacketBytes || length < 20) {
            return false;
        }
        int version = (packet.get(offset) & 0xff) >>> 4;
        if (version == 4) {
            int headerLength = (packet.get(offset) & 0x0f) * 4;
            boolean fragment = (packet.getShort(offset + 6) & 0x3fff) != 0; // more-fragments flag or an offset
            if (fragment || headerLength < 20) {
                return false;
            }
            return isExpressTransport(packet, offset, length, headerLength, packet.get(offset + 9) & 0xff);
        }
        if (version == 6 && length >= 40) {
            return isExpressTransport(packet, offset, length, 40, packet.get(offset + 6) & 0xff);
        }
        return false;
    }

    private static boolean isExpressTransport(ByteBuffer packet, int offset, int length, int ipHeader, int protocol) {
        return switch (protocol) {
            case TCP -> length >= ipHeader + 20 && tcpPayload(packet, offset, length, ipHeader) == 0
                    && !isFinOrSynAck(packet.get(offset + ipHeader + 13));
            case UDP, ICMP, ICMPV6 -> true;
            default -> false;
        };
    }

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;

    private static boolean isFinOrSynAck(byte flags) {
        return (flags & FIN) != 0 || (flags & (SYN | ACK)) == (SYN | ACK);
    }

    private static int tcpPayload(ByteBuffer packet, int offset, int length, int ipHeader) {
        int tcpHeader = ((packet.get(offset + ipHeader + 12) & 0xff) >>> 4) * 4;
        return length - ipHeader - tcpHeader;
    }
}
