package dev.chainlightning.link;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The send thread's way out: datagrams for a link are collected during one round of the send
 * loop and leave in one {@code sendmsg} with UDP GSO ({@code UDP_SEGMENT}), so the kernel walks
 * its UDP/IP path, netfilter and the qdisc once per batch instead of once per datagram, and the
 * JDK's copy into a temporary direct buffer and its channel locks are gone. The caller must
 * {@link #flush} before it waits, so batching adds no latency beyond one round. Obfuscated links,
 * and sockets whose descriptor cannot be found, send one datagram at a time as before. Where
 * the kernel refuses GSO, each batch goes out one {@code sendmsg} per datagram from then on.
 * Allocation-free per datagram. Not thread-safe: the send thread owns one.
 */
public final class BatchedSender {
    private static final int MSGHDR = 0;
    private static final int IOVEC = 56;
    private static final int CMSG = IOVEC + 16;
    private static final int CMSG_LEN = 16 + 2;
    private static final int CMSG_SPACE = 24;
    private static final int SOCKADDR = CMSG + CMSG_SPACE;

    private final int maxSegments;
    private final Out[] outs = new Out[256];
    /** Link ids with datagrams waiting, in the order they got their first one. */
    private final int[] pending = new int[256];
    private int pendingCount;
    private final SocketFds fds = new SocketFds();
    private final Memory native_ = new Memory(SOCKADDR + SockAddr.MAX_LENGTH);
    private final long base = Pointer.nativeValue(native_);
    private boolean gso = true;

    /** One link's batch and what its sendmsg needs. */
    private static final class Out {
        final Link link;
        /** The link socket's descriptor, found once: a link keeps its channel for life. */
        final int fd;
        final SegmentBatch batch;
        final long address;
        InetSocketAddress remote;
        byte[] sockaddr;
        int family;

        Out(Link link, int fd, int maxSegments) {
            this.link = link;
            this.fd = fd;
            this.batch = new SegmentBatch(maxSegments);
            this.address = Pointer.nativeValue(com.sun.jna.Native.getDirectBufferPointer(batch.buffer()));
        }
    }

    /** @param maxSegments datagrams per link per send at most (the kernel takes up to 64) */
    public BatchedSender(int maxSegments) {
        this.maxSegments = maxSegments;
    }

    /**
     * Sends the datagram (position to limit) on the link, now or at the next {@link #flush}.
     * Returns false when it was dropped at once (no return address yet, or the send failed).
     */
    public boolean send(Link link, ByteBuffer datagram) {
        Out out = outFor(link);
        if (out == null) {
            return link.send(datagram);
        }
        if (link.remote() == null) {
            return false;
        }
        if (!out.batch.add(datagram)) {
            sendBatch(out);
            out.batch.add(datagram);
        }
        if (out.batch.count() == 1) {
            pending[pendingCount++] = link.id();
        }
        return true;
    }

    /** Sends every waiting datagram. */
    public void flush() {
        for (int i = 0; i < pendingCount; i++) {
            Out out = outs[pending[i]];
            if (out.batch.count() > 0) {
                sendBatch(out);
            }
        }
        pendingCount = 0;
    }

    /** The link's batch, or null when it sends datagram by datagram. */
    private Out outFor(Link link) {
        if (link.isObfuscated()) {
            return null; // padding makes every datagram's size different: nothing to batch
        }
        Out out = outs[link.id()];
        if (out == null || out.link != link) {
            if (out != null && out.batch.count() > 0) {
                sendBatch(out);
            }
            out = new Out(link, fds.of(link.channel()), maxSegments); // once per link
            outs[link.id()] = out;
        }
        return out.fd == SocketFds.UNKNOWN ? null : out;
    }

    private void sendBatch(Out out) {
        SegmentBatch batch = out.batch;
        Link link = out.link;
        try {
            DatagramChannel channel = link.channel();
            int fd = out.fd;
            InetSocketAddress target = link.remote();
            if (fd == SocketFds.UNKNOWN || target == null) {
                link.counters().txErrors.addAndGet(batch.count());
                return;
            }
            int nameLength = link.isConnected() ? 0 : sockaddrFor(out, channel, target);
            if (gso || batch.count() == 1) {
                long sent = sendmsg(fd, nameLength, out.address, batch.bytes(), batch.count() > 1 ? batch.segmentSize() : 0);
                if (sent == batch.bytes()) {
                    countSent(link, batch, 0, batch.count());
                    return;
                }
                int errno = UdpNative.errno();
                if (batch.count() == 1 || errno == UdpNative.EAGAIN || errno == UdpNative.ENOBUFS) {
                    link.counters().txErrors.addAndGet(batch.count()); // socket buffer full: dropped, as a single send would be
                    return;
                }
                gso = false; // EIO, EINVAL: this kernel or device will not segment for us
            }
            long offset = 0;
            for (int i = 0; i < batch.count(); i++) {
                int length = batch.lengthOf(i);
                if (sendmsg(fd, nameLength, out.address + offset, length, 0) == length) {
                    countSent(link, batch, i, i + 1);
                } else {
                    link.counters().txErrors.incrementAndGet();
                }
                offset += length;
            }
        } finally {
            batch.clear();
        }
    }

    private static void countSent(Link link, SegmentBatch batch, int from, int to) {
        for (int i = from; i < to; i++) {
            link.counters().onSent(batch.lengthOf(i));
        }
    }

    /** Writes the link's return address for the socket's family; encodes it only when it changed. */
    private int sockaddrFor(Out out, DatagramChannel channel, InetSocketAddress target) {
        if (target != out.remote) {
            out.family = familyOf(channel, target);
            out.sockaddr = SockAddr.encode(target, out.family); // rare: a new peer address
            out.remote = target;
        }
        native_.write(SOCKADDR, out.sockaddr, 0, out.sockaddr.length);
        return out.sockaddr.length;
    }

    private static int familyOf(DatagramChannel channel, InetSocketAddress target) {
        try {
            if (channel.getLocalAddress() instanceof InetSocketAddress local) {
                return SockAddr.familyOf(local.getAddress());
            }
        } catch (java.io.IOException e) {
            // closed: the send fails and is counted
        }
        return SockAddr.familyOf(target.getAddress());
    }

    /** One sendmsg of {@code length} bytes at {@code address}; a segment size above 0 asks for GSO. */
    private long sendmsg(int fd, int nameLength, long address, int length, int segmentSize) {
        native_.setLong(MSGHDR, nameLength == 0 ? 0 : base + SOCKADDR);
        native_.setInt(MSGHDR + 8, nameLength);
        native_.setLong(MSGHDR + 16, base + IOVEC);
        native_.setLong(MSGHDR + 24, 1);
        native_.setLong(MSGHDR + 32, segmentSize == 0 ? 0 : base + CMSG);
        native_.setLong(MSGHDR + 40, segmentSize == 0 ? 0 : CMSG_SPACE);
        native_.setInt(MSGHDR + 48, 0);
        native_.setLong(IOVEC, address);
        native_.setLong(IOVEC + 8, length);
        if (segmentSize > 0) {
            native_.setLong(CMSG, CMSG_LEN);
            native_.setInt(CMSG + 8, UdpNative.SOL_UDP);
            native_.setInt(CMSG + 12, UdpNative.UDP_SEGMENT);
            native_.setShort(CMSG + 16, (short) segmentSize);
        }
        long sent;
        do {
            sent = UdpNative.sendmsg(fd, base + MSGHDR, UdpNative.MSG_DONTWAIT);
        } while (sent < 0 && UdpNative.errno() == UdpNative.EINTR);
        return sent;
    }
}
