package dev.chainlightning.tun;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A layer-3 virtual interface: whole IP packets in and out, no link-layer header. */
public interface TunDevice extends AutoCloseable {
    /** The interface name the kernel gave the device. */
    String name();

    int mtu();

    /**
     * Reads one packet into {@code dst} at its position, waiting at most {@code timeoutNanos}.
     * Returns the packet length, or 0 when nothing arrived in time. Does not move the position.
     */
    int read(ByteBuffer dst, long timeoutNanos) throws IOException;

    /** Writes the packet between {@code src}'s position and limit. Returns false when the kernel refused it. */
    boolean write(ByteBuffer src);

    @Override
    void close();
}
