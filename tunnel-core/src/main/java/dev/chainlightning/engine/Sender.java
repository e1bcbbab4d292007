package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.fec.group.FecEncoder;
import dev.chainlightning.link.Link;
import dev.chainlightning.sched.ExpressClassifier;
import dev.chainlightning.sched.Striper;
import dev.chainlightning.tun.TunDevice;
import dev.chainlightning.wire.DataBody;
import dev.chainlightning.wire.Overhead;
import dev.chainlightning.wire.PacketType;
import dev.chainlightning.wire.ParityBody;
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
    private final FecSettings fecSettings;
    private final ExpressClassifier expressClassifier;
    /** Express packets get a second copy on another link (redundant_small_packets). */
    private final boolean redundantExpress;
    private final FecEncoder.ParitySink paritySink = this::sendParity;
    /** Data and parity packets of the open FEC group per link id, for placing parity (see Striper). */
    private final int[] groupData = new int[Striper.MAX_LINKS];
    private final int[] groupParity = new int[Striper.MAX_LINKS];
    private Session fecSession;
    private FecEncoder fec;
    private volatile boolean running = true;

    Sender(TunDevice tun, SessionDirectory sessions, TunnelCounters counters, CipherSuite suite, Consumer<String> onFatal,
           FecSettings fecSettings, int smallPacketBytes, boolean redundantSmallPackets) {
        this.onFatal = onFatal;
        this.expressClassifier = new ExpressClassifier(smallPacketBytes);
        this.redundantExpress = redundantSmallPackets;
        this.fecSettings = fecSettings;
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
                length = tun.read(fromTun, pollMillis());
            } catch (IOException e) {
                if (running) {
                    onFatal.accept(e.getMessage()); // the TUN device is gone: nothing left to tunnel
                }
                return;
            }
            if (length > 0) {
                counters.tunIn.incrementAndGet();
                try {
                    send(length);
                } catch (RuntimeException e) {
                    // A bug must cost one packet, not the send thread (and with it the tunnel).
                    counters.onPacketPathFailure("send", e);
                }
            }
            if (fec != null && fec.isOpen() && System.nanoTime() - fec.deadlineNanos() >= 0) {
                closeGroup(); // a quiet flow: protect what the group has rather than wait for more
            }
        }
    }

    /** Wait for TUN no longer than the open FEC group may stay open. */
    private int pollMillis() {
        if (fec == null || !fec.isOpen()) {
            return POLL_MILLIS;
        }
        long left = fec.deadlineNanos() - System.nanoTime();
        return (int) Math.max(0, Math.min(POLL_MILLIS, (left + 999_999) / 1_000_000));
    }

    private void send(int packetLength) {
        Session session = sessions.current();
        long now = System.nanoTime();
        if (session == null || session.keys().sending(now) == null) {
            counters.noPeerDrops.incrementAndGet(); // no client yet (server), or no keys yet (before the first handshake)
            return;
        }
        int bodyLength = DataBody.PACKET_OFFSET + packetLength;
        boolean express = express(packetLength);
        int wireBytes = bodyLength + Overhead.TUNNEL_BYTES - DataBody.PACKET_OFFSET;
        Link link = express ? session.striper().pickExpress(wireBytes, now) : session.striper().pick(wireBytes, now);
        if (link == null) {
            counters.noLinkDrops.incrementAndGet();
            return;
        }
        body.clear();
        int sequence = session.takeSequence();
        DataBody.sequence(body, 0, sequence);
        DataBody.stamp(body, 0, now, express);
        fromTun.limit(packetLength);
        body.put(DataBody.PACKET_OFFSET, fromTun, 0, packetLength);
        body.limit(bodyLength);
        session.sentPackets().remember(sequence, body, link.id());
        sealer.seal(session, PacketType.DATA, link.id(), body, datagram, now);
        link.send(datagram);
        if (express && redundantExpress) {
            sendSecondCopy(session, link);
        }
        protect(session, sequence, link);
    }

    private boolean express(int packetLength) {
        return expressClassifier.isExpress(fromTun, 0, packetLength);
    }

    /**
     * A TCP ACK or a DNS query lost or late costs more than it weighs: a second copy goes on the
     * link where it arrives next soonest. The receiver's reorder buffer drops whichever comes second.
     */
    private void sendSecondCopy(Session session, Link first) {
        Link second = session.striper().pickSecond(datagram.limit(), System.nanoTime(), first);
        if (second != null) {
            body.position(0);
            if (sealer.seal(session, PacketType.DATA, second.id(), body, datagram, System.nanoTime())) {
                second.send(datagram);
            }
        }
    }

    /** Adds the packet just sent to the open FEC group, closing the group when it is full. */
    private void protect(Session session, int sequence, Link link) {
        if (!fecSettings.enabled()) {
            return;
        }
        if (session != fecSession) {
            fec = fecSettings.newEncoder(tun.mtu());
            fecSession = session;
            java.util.Arrays.fill(groupData, 0);
            java.util.Arrays.fill(groupParity, 0);
        }
        fec.add(sequence, fromTun, System.nanoTime());
        groupData[link.id()]++;
        if (fec.isFull()) {
            closeGroup();
        }
    }

    private void closeGroup() {
        fec.close(fecSession.peerLossPpm(), paritySink);
        int links = fecSession.striper().highestId() + 1;
        java.util.Arrays.fill(groupData, 0, links, 0);
        java.util.Arrays.fill(groupParity, 0, links, 0);
    }

    private void sendParity(int firstSequence, int dataCount, int parityCount, int index, byte[] shard, int length) {
        Session session = fecSession;
        body.clear();
        ParityBody.writeHeader(body, firstSequence, dataCount, parityCount, index);
        body.put(ParityBody.SHARD_OFFSET, shard, 0, length);
        body.limit(ParityBody.SHARD_OFFSET + length);
        Link link = session.striper().pickForParity(body.limit() + Overhead.TUNNEL_BYTES, System.nanoTime(),
                groupData, groupParity, parityCount);
        if (link == null) {
            return;
        }
        if (sealer.seal(session, PacketType.PARITY, link.id(), body, datagram, System.nanoTime()) && link.send(datagram)) {
            counters.parityPackets.incrementAndGet();
            counters.parityBytes.addAndGet(datagram.limit());
        }
        groupParity[link.id()]++;
    }

    void stop() {
        running = false;
    }
}
