package dev.chainlightning.tun;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls the TUN device needs, bound with JNA direct mapping (no per-call
 * allocation). Buffers are passed as raw addresses of direct ByteBuffers, taken once.
 */
final class LibC {
    static final int O_RDWR = 2;
    static final int O_CLOEXEC = 0x80000;
    static final int O_NONBLOCK = 0x800;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final short POLLIN = 0x1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;

    static {
        Native.register(LibC.class, "c");
    }

    private LibC() {
    }

    static native int open(String path, int flags);

    static native int close(int fd);

    static native int ioctl(int fd, long request, Pointer arg);

    static native long read(int fd, long buffer, long count);

    static native long write(int fd, long buffer, long count);

    /** poll with a nanosecond timeout ({@code struct timespec}); the send thread paces links to fractions of a millisecond. */
    static native int ppoll(Pointer fds, long nfds, Pointer timeout, Pointer sigmask);

    static native int socket(int domain, int type, int protocol);

    static String lastError() {
        int errno = Native.getLastError();
        return "errno " + errno + " (" + errnoName(errno) + ")";
    }

    private static String errnoName(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted: run as root or with CAP_NET_ADMIN";
            case 2 -> "no such file or directory";
            case 13 -> "permission denied";
            case 16 -> "device or resource busy: the interface name is in use";
            case 19 -> "no such device: is the tun module loaded?";
            case 22 -> "invalid argument";
            default -> "see errno(3)";
        };
    }
}
