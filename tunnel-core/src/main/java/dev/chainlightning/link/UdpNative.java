package dev.chainlightning.link;

import com.sun.jna.Native;

/**
 * The libc socket calls batched sending needs, bound with JNA direct mapping (no per-call
 * allocation). Structures are passed as raw addresses of native memory set up once.
 */
final class UdpNative {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOL_UDP = 17;
    /** {@code UDP_SEGMENT} (linux/udp.h): the segment size of a UDP GSO send, Linux 4.18+. */
    static final int UDP_SEGMENT = 103;
    static final int MSG_DONTWAIT = 0x40;
    static final int EAGAIN = 11;
    static final int ENOBUFS = 105;
    static final int EINTR = 4;

    static {
        Native.register(UdpNative.class, "c");
    }

    private UdpNative() {
    }

    static native long sendmsg(int fd, long msghdr, int flags);

    static native int recvmmsg(int fd, long mmsghdrs, int vlen, int flags, long timeout);

    static native int getsockname(int fd, long sockaddr, long addrlenPointer);

    static int errno() {
        return Native.getLastError();
    }
}
