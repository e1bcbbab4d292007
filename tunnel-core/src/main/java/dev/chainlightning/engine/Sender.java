package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.link.Link;
import dev.chainlightning.tun.TunDevice;
import dev.chainlightning.wire.DataBody;
import dev.chainlightning.wire.Overhead;
import dev.chainlightning.wire.PacketType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The send thread: TUN → sequence number → pick a link → seal → send. Our code allocates nothing
 * per packet; the JDK's AEAD does a little (see docs/BENCHMARKS.md).
 */
final class Sender implements Runnable {
    private static final int POLL_MILLIS = 200;

    private final TunDevice tun;
    private final SessionDirectory sessions;
    private final TunnelCounters counters;
    private final SealerCache sealer;
    /** TUN I/O through JNA needs a direct buffer... */
    private final ByteBuffer fromTun;
    /** ...while the JDK's AEADs allocate least on heap buffers (docs/BENCHMARKS.md), so the body is copied once. */
    private final ByteBuffer body;
    private final ByteBuffer datagram;
    private final Consumer<String> onFatal;
    private volatile boolean running = true;

    Sender(TunDevice tun, SessionDirectory sessions, TunnelCounters counters, CipherSuite suite, Consumer<String> onFatal) {
        this.onFatal = onFatal;
        this.tun = tun;
        this.sessions = sessions;
        this.counters = counters;
        this.sealer = new SealerCache(suite);
        this.fromTun = ByteBuffer.allocateDirect(tun.mtu() + 64);
        this.body = ByteBuffer.allocate(DataBody.PACKET_OFFSET + fromTun.capacity());
        this.datagram = ByteBuffer.allocate(body.capacity() + Overhead.TUNNEL_BYTES);
    }

    @Override
    public void run() {
        while (running) {
            int length;
            try {
                fromTun.clear();
                length = tun.read(fromTun, POLL_MILLIS);
            } catch (IOException e) {
                if (running) {
                    onFatal.accept(e.getMessage()); // the TUN device is gone: nothing left to tunnel
                }
                return;
            }
            if (length > 0) {
                counters.tunIn.incrementAndGet();
                send(length);
            }
        }
    }

    private void send(int packetLength) {
        Session session = sessions.current();
        if (session == null) {
            counters.noPeerDrops.incrementAndGet();
            return;
        }
        int bodyLength = DataBody.PACKET_OFFSET + packetLength;
        Link link = session.striper().pick(bodyLength + Overhead.TUNNEL_BYTES - DataBody.PACKET_OFFSET, System.nanoTime());
        if (link == null) {
            counters.noLinkDrops.incrementAndGet();
            return;
        }
        body.clear();
        DataBody.sequence(body, 0, session.takeSequence());
        body.position(DataBody.PACKET_OFFSET);
        fromTun.limit(packetLength);
        body.put(fromTun);
        body.flip();
        sealer.forSession(session).seal(PacketType.DATA, link.id(), body, datagram);
        link.send(datagram);
    }

    void stop() {
        running = false;
    }
}
