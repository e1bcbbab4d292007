package dev.chainlightning.tun;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TUN device opened through {@code /dev/net/tun} with {@code IFF_TUN | IFF_NO_PI}.
 * Address, netmask, MTU and the up flag are set with the classic interface ioctls, so no external
 * tool is needed. The device is not persistent: closing the descriptor removes the interface.
 *
 * <p>{@link #read} and {@link #write} are each meant for one thread; they may run concurrently.
 */
public final class LinuxTun implements TunDevice {
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final long SIOCSIFADDR = 0x8916;
    private static final long SIOCSIFNETMASK = 0x891c;
    private static final long SIOCSIFMTU = 0x8922;
    private static final long SIOCSIFTXQLEN = 0x8943;
    /**
     * Packets the kernel may queue for us to read. TUN's default of 500 overflows during a garbage
     * collection pause at a few hundred Mbit/s; the kernel then drops before we see anything.
     */
    private static final int TX_QUEUE_LENGTH = 4096;
    private static final short IFF_UP = 0x1;
    private static final short IFF_RUNNING = 0x40;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;

    private final String name;
    private final int mtu;
    private volatile int fd;
    private final Memory pollFd = new Memory(8);
    private final Memory pollTimeout = new Memory(16); // struct timespec { time_t tv_sec; long tv_nsec; }
    private final BufferAddresses readAddresses = new BufferAddresses();
    private final BufferAddresses writeAddresses = new BufferAddresses();

    private LinuxTun(int fd, String name, int mtu) {
        this.fd = fd;
        this.name = name;
        this.mtu = mtu;
    }

    /** Creates the interface, gives it its address, netmask and MTU, and brings it up. */
    public static LinuxTun open(String requestedName, Inet4Address address, Inet4Address netmask, int mtu) throws IOException {
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        if (fd < 0) {
            throw new IOException("cannot open /dev/net/tun: " + LibC.lastError());
        }
        try {
            Memory ifr = ifreq(requestedName);
            ifr.setShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
            if (LibC.ioctl(fd, TUNSETIFF, ifr) < 0) {
                throw new IOException("cannot create TUN device " + requestedName + ": " + LibC.lastError());
            }
            String name = ifr.getString(0, StandardCharsets.US_ASCII.name());
            configure(name, address, netmask, mtu);
            return new LinuxTun(fd, name, mtu);
        } catch (IOException | RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    private static void configure(String name, Inet4Address address, Inet4Address netmask, int mtu) throws IOException {
        int sock = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM, 0);
        if (sock < 0) {
            throw new IOException("cannot open a configuration socket: " + LibC.lastError());
        }
        try {
            ioctl(sock, SIOCSIFADDR, withSockaddr(ifreq(name), address), "set address " + address.getHostAddress() + " on " + name);
            ioctl(sock, SIOCSIFNETMASK, withSockaddr(ifreq(name), netmask), "set netmask on " + name);
            Memory mtuReq = ifreq(name);
            mtuReq.setInt(IFNAMSIZ, mtu);
            ioctl(sock, SIOCSIFMTU, mtuReq, "set MTU " + mtu + " on " + name);
            Memory queueReq = ifreq(name);
            queueReq.setInt(IFNAMSIZ, TX_QUEUE_LENGTH);
            ioctl(sock, SIOCSIFTXQLEN, queueReq, "set the queue length of " + name);
            Memory flags = ifreq(name);
            ioctl(sock, SIOCGIFFLAGS, flags, "read flags of " + name);
            flags.setShort(IFNAMSIZ, (short) (flags.getShort(IFNAMSIZ) | IFF_UP | IFF_RUNNING));
            ioctl(sock, SIOCSIFFLAGS, flags, "bring " + name + " up");
        } finally {
            LibC.close(sock);
        }
    }

    private static void ioctl(int sock, long request, Pointer ifr, String what) throws IOException {
        if (LibC.ioctl(sock, request, ifr) < 0) {
            throw new IOException("cannot " + what + ": " + LibC.lastError());
        }
    }

    private static Memory ifreq(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name longer than 15 bytes: " + name);
        }
        Memory ifr = new Memory(IFREQ_SIZE);
        ifr.clear();
        ifr.write(0, bytes, 0, bytes.length);
        return ifr;
    }

    /** Fills the ifreq's union with a sockaddr_in: family in host order, port 0, address in network order. */
    private static Memory withSockaddr(Memory ifr, Inet4Address address) {
        ifr.setShort(IFNAMSIZ, (short) LibC.AF_INET);
        ifr.write(IFNAMSIZ + 4, address.getAddress(), 0, 4);
        return ifr;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /**
     * The descriptor is non-blocking: a packet that is already queued costs one {@code read} and no
     * {@code ppoll}; only when the queue is empty do we wait in {@code ppoll} and read again.
     */
    @Override
    public int read(ByteBuffer dst, long timeoutNanos) throws IOException {
        int descriptor = fd;
        if (descriptor < 0) {
            throw new IOException("TUN device " + name + " is closed");
        }
        long address = readAddresses.of(dst) + dst.position();
        int n = readNow(descriptor, address, dst.remaining());
        if (n != 0 || timeoutNanos <= 0) {
            return n;
        }
        pollFd.setInt(0, descriptor);
        pollFd.setShort(4, LibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        pollTimeout.setLong(0, timeoutNanos / 1_000_000_000L);
        pollTimeout.setLong(8, timeoutNanos % 1_000_000_000L);
        if (LibC.ppoll(pollFd, 1, pollTimeout, null) <= 0) {
            return 0;
        }
        return readNow(descriptor, address, dst.remaining());
    }

    /** One non-blocking read: the packet length, or 0 when none is queued. */
    private int readNow(int descriptor, long address, int room) throws IOException {
        long n = LibC.read(descriptor, address, room);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EINTR || errno == LibC.EAGAIN) {
                return 0;
            }
            throw new IOException("read from " + name + " failed: " + LibC.lastError());
        }
        return (int) n;
    }

    @Override
    public boolean write(ByteBuffer src) {
        int descriptor = fd;
        if (descriptor < 0) {
            return false;
        }
        return LibC.write(descriptor, writeAddresses.of(src) + src.position(), src.remaining()) == src.remaining();
    }

    @Override
    public void close() {
        int descriptor = fd;
        fd = -1;
        if (descriptor >= 0) {
            LibC.close(descriptor);
        }
    }
}
