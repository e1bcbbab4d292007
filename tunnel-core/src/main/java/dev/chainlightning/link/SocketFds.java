package dev.chainlightning.link;

import com.sun.jna.Memory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * Finds the descriptor behind a {@link DatagramChannel}. The JDK keeps it in a class of a package
 * it does not export; rather than asking every launcher for {@code --add-opens}, we look through
 * our own descriptors for the socket whose local address is the channel's (every link socket is
 * bound to its own address and port). Answers are cached per channel, so a lookup after the first
 * allocates nothing. Not thread-safe: the send thread owns one.
 */
final class SocketFds {
    static final int UNKNOWN = -1;

    private final IdentityHashMap<DatagramChannel, Integer> known = new IdentityHashMap<>();
    private final Memory sockaddr = new Memory(SockAddr.MAX_LENGTH);
    private final Memory length = new Memory(4);

    /** The channel's descriptor, or {@link #UNKNOWN} when it cannot be told (closed, unbound, no /proc). */
    int of(DatagramChannel channel) {
        Integer fd = known.get(channel);
        if (fd == null) {
            fd = find(channel);
            known.put(channel, fd);
        }
        return fd;
    }

    private int find(DatagramChannel channel) {
        byte[] wanted;
        try {
            if (!(channel.getLocalAddress() instanceof InetSocketAddress local)) {
                return UNKNOWN;
            }
            wanted = SockAddr.encode(local, SockAddr.familyOf(local.getAddress()));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
        int match = UNKNOWN;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path entry : fds) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                if (Arrays.equals(wanted, localAddressOf(fd))) {
                    if (match != UNKNOWN) {
                        return UNKNOWN; // two sockets on one address: not ours to guess
                    }
                    match = fd;
                }
            }
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
        return match;
    }

    private byte[] localAddressOf(int fd) {
        length.setInt(0, SockAddr.MAX_LENGTH);
        if (UdpNative.getsockname(fd, com.sun.jna.Pointer.nativeValue(sockaddr), com.sun.jna.Pointer.nativeValue(length)) != 0) {
            return null;
        }
        int n = Math.min(length.getInt(0), SockAddr.MAX_LENGTH);
        byte[] bytes = sockaddr.getByteArray(0, n);
        return SockAddr.comparable(bytes);
    }
}
