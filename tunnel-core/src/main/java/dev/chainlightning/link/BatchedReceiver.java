package dev.chainlightning.link;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/**
 * The receive thread's way in: up to {@link #BATCH} datagrams per {@code recvmmsg} through JNA on
 * the channel's own descriptor, instead of one {@link DatagramChannel#receive} (a syscall, the
 * JDK's channel lock and its copy out of a temporary direct buffer) per datagram. Each datagram
 * is copied once into the caller's buffer and handed over with its sender's address; addresses
 * seen before are reused, so nothing is allocated per datagram. A channel whose descriptor cannot
 * be found is read the JDK's way. Not thread-safe: the receive thread owns one.
 */
public final class BatchedReceiver {
    /** Datagrams per recvmmsg. */
    static final int BATCH = 16;
    private static final int MMSGHDR = 64;
    private static final int EAGAIN = UdpNative.EAGAIN;
    /** Sender addresses remembered: a few per link is plenty. */
    private static final int KNOWN_ADDRESSES = 16;

    /** Called with the datagram in the caller's buffer (position 0, limit its length). */
    public interface Handler {
        void onDatagram(DatagramChannel channel, InetSocketAddress from);
    }

    private final ByteBuffer into;
    private final int slotBytes;
    private final ByteBuffer slots;
    private final Memory headers = new Memory((long) BATCH * (MMSGHDR + 16 + SockAddr.MAX_LENGTH + 4));
    private final long headersAt = Pointer.nativeValue(headers);
    private final long iovecsAt = headersAt + (long) BATCH * MMSGHDR;
    private final long namesAt = iovecsAt + BATCH * 16L;
    private final SocketFds fds = new SocketFds();
    private final byte[] raw = new byte[SockAddr.MAX_LENGTH];
    private final byte[][] knownRaw = new byte[KNOWN_ADDRESSES][];
    private final InetSocketAddress[] known = new InetSocketAddress[KNOWN_ADDRESSES];
    private int nextKnown;

    /** @param into where each datagram is copied before the handler runs; its capacity is the largest datagram taken whole */
    public BatchedReceiver(ByteBuffer into) {
        this.into = into;
        this.slotBytes = into.capacity();
        this.slots = ByteBuffer.allocateDirect(BATCH * slotBytes);
        long slotsAt = Pointer.nativeValue(Native.getDirectBufferPointer(slots));
        for (int i = 0; i < BATCH; i++) {
            long header = headersAt + (long) i * MMSGHDR;
            long iovec = iovecsAt + i * 16L;
            headers.setLong(header - headersAt, namesAt + (long) i * SockAddr.MAX_LENGTH); // msg_name
            headers.setLong(header - headersAt + 16, iovec);                              // msg_iov
            headers.setLong(header - headersAt + 24, 1);                                  // msg_iovlen
            headers.setLong(iovec - headersAt, slotsAt + (long) i * slotBytes);
            headers.setLong(iovec - headersAt + 8, slotBytes);
        }
    }

    /**
     * Reads up to {@code max} datagrams now queued on the channel and hands each to the handler.
     * A datagram longer than the buffer arrives cut to its capacity, as with the JDK.
     */
    public void drain(DatagramChannel channel, int max, Handler handler) {
        int fd = fds.of(channel);
        if (fd == SocketFds.UNKNOWN) {
            drainOneByOne(channel, max, handler);
            return;
        }
        int done = 0;
        while (done < max) {
            int want = Math.min(BATCH, max - done);
            for (int i = 0; i < want; i++) {
                long header = (long) i * MMSGHDR;
                headers.setInt(header + 8, SockAddr.MAX_LENGTH); // msg_namelen: the kernel overwrites it
                headers.setLong(header + 32, 0);                 // no control messages
                headers.setLong(header + 40, 0);
                headers.setInt(header + 48, 0);
            }
            int got = UdpNative.recvmmsg(fd, headersAt, want, UdpNative.MSG_DONTWAIT, 0);
            if (got < 0) {
                int errno = UdpNative.errno();
                if (errno == EAGAIN || errno != UdpNative.EINTR && ++done >= max) {
                    return; // nothing queued; or an ICMP error reported on a connected socket: skip it, as before
                }
                continue;
            }
            for (int i = 0; i < got; i++) {
                int length = Math.min(headers.getInt((long) i * MMSGHDR + 56), slotBytes);
                into.clear();
                into.put(0, slots, i * slotBytes, length);
                into.limit(length);
                handler.onDatagram(channel, senderOf(i, headers.getInt((long) i * MMSGHDR + 8)));
            }
            done += got;
            if (got < want) {
                return; // the queue is empty
            }
        }
    }

    /** The address datagram {@code i} came from, reused when seen before. */
    private InetSocketAddress senderOf(int i, int nameLength) {
        int length = Math.min(nameLength, SockAddr.MAX_LENGTH);
        headers.read(namesAt - headersAt + (long) i * SockAddr.MAX_LENGTH, raw, 0, length);
        Arrays.fill(raw, length, raw.length, (byte) 0);
        for (int k = 0; k < KNOWN_ADDRESSES; k++) {
            if (knownRaw[k] != null && Arrays.equals(knownRaw[k], raw)) {
                return known[k];
            }
        }
        InetSocketAddress decoded = decode(raw);
        knownRaw[nextKnown] = raw.clone(); // a new peer address: rare
        known[nextKnown] = decoded;
        nextKnown = (nextKnown + 1) % KNOWN_ADDRESSES;
        return decoded;
    }

    private static InetSocketAddress decode(byte[] sockaddr) {
        ByteBuffer b = ByteBuffer.wrap(sockaddr);
        int port = b.getShort(2) & 0xffff;
        boolean v4 = ByteBuffer.wrap(sockaddr).order(java.nio.ByteOrder.nativeOrder()).getShort(0) == UdpNative.AF_INET;
        try {
            return new InetSocketAddress(InetAddress.getByAddress(v4 ? Arrays.copyOfRange(sockaddr, 4, 8)
                    : Arrays.copyOfRange(sockaddr, 8, 24)), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length, which cannot happen here
        }
    }

    private void drainOneByOne(DatagramChannel channel, int max, Handler handler) {
        for (int i = 0; i < max; i++) {
            into.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(into);
            } catch (IOException e) {
                continue; // ICMP errors surface here on connected sockets: skip
            }
            if (from == null) {
                return;
            }
            into.flip();
            handler.onDatagram(channel, from);
        }
    }
}
