package dev.chainlightning.reorder;

import java.nio.ByteBuffer;

/** Where in-order packets go (the TUN device in the tunnel, a list in tests). */
@FunctionalInterface
public interface PacketSink {
    /** Takes the packet between position and limit; must not keep the buffer. */
    void deliver(ByteBuffer packet);
}
