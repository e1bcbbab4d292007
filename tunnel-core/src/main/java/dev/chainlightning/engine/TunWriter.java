package dev.chainlightning.engine;

import dev.chainlightning.reorder.PacketSink;
import dev.chainlightning.tun.TunDevice;
import java.nio.ByteBuffer;

/** The end of the receive path: writes in-order packets to TUN and counts them. Receive thread only. */
final class TunWriter implements PacketSink {
    private final TunDevice tun;
    private final TunnelCounters counters;
    /** TUN I/O needs direct memory; packets that arrive in heap buffers are copied here first. */
    private final ByteBuffer direct;

    TunWriter(TunDevice tun, TunnelCounters counters) {
        this.tun = tun;
        this.counters = counters;
        this.direct = ByteBuffer.allocateDirect(tun.mtu() + 64);
    }

    @Override
    public void deliver(ByteBuffer packet) {
        ByteBuffer out = packet;
        if (!packet.isDirect()) {
            direct.clear();
            direct.put(0, packet, packet.position(), packet.remaining());
            out = direct.limit(packet.remaining());
        }
        if (tun.write(out)) {
            counters.tunOut.incrementAndGet();
        } else {
            counters.tunWriteErrors.incrementAndGet();
        }
    }
}
