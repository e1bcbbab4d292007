package dev.chainlightning.link;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@code sockaddr_in} / {@code sockaddr_in6} as the kernel lays them out on Linux. */
final class SockAddr {
    static final int IN_LENGTH = 16;
    static final int IN6_LENGTH = 28;
    static final int MAX_LENGTH = IN6_LENGTH;

    private SockAddr() {
    }

    static int familyOf(InetAddress address) {
        return address instanceof Inet4Address ? UdpNative.AF_INET : UdpNative.AF_INET6;
    }

    /** The address in the layout of {@code family}; an IPv4 address in an IPv6 layout is v4-mapped. */
    static byte[] encode(InetSocketAddress socket, int family) {
        byte[] out = new byte[family == UdpNative.AF_INET ? IN_LENGTH : IN6_LENGTH];
        write(ByteBuffer.wrap(out), socket, family);
        return out;
    }

    /** Writes the address at {@code out}'s position 0; returns its length. Allocates nothing for an IPv4 socket. */
    static int write(ByteBuffer out, InetSocketAddress socket, int family) {
        ByteBuffer b = out.duplicate().order(ByteOrder.nativeOrder());
        b.putShort(0, (short) family);
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) socket.getPort());
        byte[] ip = socket.getAddress().getAddress();
        if (family == UdpNative.AF_INET) {
            b.put(4, ip);
            b.putLong(8, 0);
            return IN_LENGTH;
        }
        b.putInt(4, 0); // flow info
        if (ip.length == 4) {
            b.putLong(8, 0).putShort(16, (short) 0).putShort(18, (short) 0xffff).put(20, ip);
        } else {
            b.put(8, ip);
        }
        b.putInt(24, 0); // scope id
        return IN6_LENGTH;
    }

    /** Family, port and address only (the zero padding and IPv6 flow info say nothing about identity). */
    static byte[] comparable(byte[] sockaddr) {
        if (sockaddr.length >= IN_LENGTH && familyBytes(sockaddr) == UdpNative.AF_INET) {
            byte[] out = sockaddr.clone();
            java.util.Arrays.fill(out, 8, IN_LENGTH, (byte) 0);
            return java.util.Arrays.copyOf(out, IN_LENGTH);
        }
        if (sockaddr.length >= IN6_LENGTH && familyBytes(sockaddr) == UdpNative.AF_INET6) {
            byte[] out = java.util.Arrays.copyOf(sockaddr, IN6_LENGTH);
            java.util.Arrays.fill(out, 4, 8, (byte) 0);
            return out;
        }
        return null;
    }

    private static int familyBytes(byte[] sockaddr) {
        return ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder()).getShort(0);
    }
}
