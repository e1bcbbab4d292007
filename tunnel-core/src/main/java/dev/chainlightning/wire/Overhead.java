package dev.chainlightning.wire;

import java.net.Inet6Address;
import java.net.InetAddress;

/** What the tunnel adds to every inner packet, and the inner MTU that follows from it. */
public final class Overhead {
    /** AEAD authentication tag (both ciphers use 16 bytes). */
    public static final int TAG_LENGTH = 16;
    /**
     * Our bytes per packet: header, tag and the larger of the data and parity body headers (a
     * parity packet carries a shard as long as the longest data packet, so both must fit).
     */
    public static final int TUNNEL_BYTES = PacketHeader.LENGTH + Math.max(DataBody.PACKET_OFFSET, ParityBody.SHARD_OFFSET) + TAG_LENGTH;
    public static final int UDP_HEADER = 8;
    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    /** The outer path MTU we assume: Ethernet, as almost every WAN offers. */
    public static final int OUTER_MTU = 1500;

    private Overhead() {
    }

    /**
     * Largest inner packet such that the whole outer datagram fits {@link #OUTER_MTU} towards
     * {@code server}, with room for obfuscation's padding and nonce when it is on.
     */
    public static int automaticTunMtu(InetAddress server, boolean obfuscated) {
        int ipHeader = server instanceof Inet6Address ? IPV6_HEADER : IPV4_HEADER;
        return OUTER_MTU - ipHeader - UDP_HEADER - TUNNEL_BYTES - (obfuscated ? Obfuscator.MAX_OVERHEAD : 0);
    }
}
