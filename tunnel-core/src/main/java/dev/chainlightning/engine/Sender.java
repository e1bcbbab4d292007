package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.link.Link;
import dev.chainlightning.tun.TunDevice;
import dev.chainlightning.util.Log;
import dev.chainlightning.wire.DataBody;
import dev.chainlightning.wire.Overhead;
import dev.chainlightning.wire.PacketType;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The send thread: TUN → sequence number → pick a link → seal → send. The packet is read from TUN
 * straight behind the room for its sequence number, so it is copied only by the cipher.
 * Allocates nothing per packet in steady state (the JDK's AEAD init aside, see docs/BENCHMARKS.md).
 */
final class Sender implements Runnable {
    private static final int POLL_MILLIS = 200;

    private final TunDevice tun;
    private final SessionDirectory sessions;
    private final TunnelCounters counters;
    private final SealerCache sealer;
    private final ByteBuffer body;
    private final ByteBuffer datagram;
    private volatile boolean running = true;

    Sender(TunDevice tun, SessionDirectory sessions, TunnelCounters counters, CipherSuite suite) {
        this.tun = tun;
        this.sessions = sessions;
        this.counters = counters;
        this.sealer = new SealerCache(suite);
        this.body = ByteBuffer.allocateDirect(DataBody.PACKET_OFFSET + tun.mtu() + 64);
        this.datagram = ByteBuffer.allocateDirect(body.capacity() + Overhead.TUNNEL_BYTES);
    }

    @Override
    public void run() {
        while (running) {
            int length;
            try {
                body.clear().position(DataBody.PACKET_OFFSET);
                length = tun.read(body, POLL_MILLIS);
            } catch (IOException e) {
                if (running) {
                    Log.error(e.getMessage());
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
        DataBody.sequence(body, 0, session.takeSequence());
        body.position(0).limit(bodyLength);
        sealer.forSession(session).seal(PacketType.DATA, link.id(), body, datagram);
        link.send(datagram);
    }

    void stop() {
        running = false;
    }
}
