package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.fec.group.FecEncoder;
import dev.chainlightning.link.BatchedSender;
import dev.chainlightning.link.Link;
import dev.chainlightning.sched.ExpressClassifier;
import dev.chainlightning.sched.SendQueue;
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
 * The send thread: TUN → send queue → sequence number → pick a link → seal → send. Express
 * packets (TCP ACKs, DNS, small packets) go out at once on the link where they arrive first; bulk
 * packets wait in {@link SendQueue} until a link paced at its estimated capacity has room
 * ({@link Striper#pickPaced}), so the queue builds here, under CoDel, and not in a modem's buffer
 * where it would delay everything. Our code allocates nothing per packet; the JDK's AEAD does a
 * little (see docs/BENCHMARKS.md).
 */
final class Sender implements Runnable {
    /** How long to wait for TUN when there is nothing else to do. */
    private static final long IDLE_POLL_NANOS = 200_000_000L;
    /** Packets the send queue holds: CoDel keeps it far shorter while TCP is in charge; this bounds the rest. */
    static final int QUEUE_PACKETS = 2048;
    /**
     * TUN packets read per round without waiting; what the round seals leaves in one batch per
     * link at its end, so this bounds both the batch and the time a datagram waits for it.
     */
    static final int READ_BATCH = 16;

    private final TunDevice tun;
    private final SessionDirectory sessions;
    private final TunnelCounters counters;
    private final SealerCache sealer;
    private final SendQueue queue;
    /** Where a packet is read while the queue is full: it may still be an express packet. */
    private final ByteBuffer overflow;
    /** ...while the JDK's AEADs allocate least on heap buffers (docs/BENCHMARKS.md), so the body is copied once. */
    private final ByteBuffer body;
    private final ByteBuffer datagram;
    private final Consumer<String> onFatal;
    private final FecSettings fecSettings;
    /** Datagrams of one round leave together, one GSO send per link (see BatchedSender). */
    private final BatchedSender out = new BatchedSender(64);
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
        int slotBytes = tun.mtu() + 64;
        this.queue = new SendQueue(QUEUE_PACKETS, slotBytes, counters.sendQueueAqmDrops);
        this.overflow = ByteBuffer.allocateDirect(slotBytes); // TUN I/O through JNA needs direct buffers...
        this.body = ByteBuffer.allocate(DataBody.PACKET_OFFSET + slotBytes);
        this.datagram = ByteBuffer.allocate(body.capacity() + Overhead.TUNNEL_BYTES);
    }

    /**
     * Rounds: send what pacing allows, flush the round's datagrams, then read up to
     * {@link #READ_BATCH} packets from TUN, waiting only for the first.
     */
    @Override
    public void run() {
        while (running) {
            long now = System.nanoTime();
            long waitNanos = sendQueued(now);
            if (fec != null && fec.isOpen() && now - fec.deadlineNanos() >= 0) {
                closeGroup(); // a quiet flow: protect what the group has rather than wait for more
            }
            out.flush(); // nothing waits in a batch while we wait for TUN
            long timeout = Math.min(waitNanos, fecWaitNanos(now));
            for (int i = 0; i < READ_BATCH; i++) {
                ByteBuffer into = queue.isFull() ? overflow : queue.tail();
                int length;
                try {
                    into.clear();
                    length = tun.read(into, i == 0 ? timeout : 0);
                } catch (IOException e) {
                    if (running) {
                        onFatal.accept(e.getMessage()); // the TUN device is gone: nothing left to tunnel
                    }
                    return;
                }
                if (length <= 0) {
                    break;
                }
                counters.tunIn.incrementAndGet();
                try {
                    accept(into, length);
                } catch (RuntimeException e) {
                    // A bug must cost one packet, not the send thread (and with it the tunnel).
                    counters.onPacketPathFailure("send", e);
                }
            }
        }
    }

    /** How long the open FEC group may still stay open. */
    private long fecWaitNanos(long now) {
        return fec == null || !fec.isOpen() ? IDLE_POLL_NANOS : Math.max(0, fec.deadlineNanos() - now);
    }

    /** A packet read from TUN: express ones go now, bulk ones join the queue. */
    private void accept(ByteBuffer packet, int length) {
        long now = System.nanoTime();
        packet.position(0).limit(length);
        Session session = sessions.current();
        if (session == null || session.keys().sending(now) == null) {
            counters.noPeerDrops.incrementAndGet(); // no client yet (server), or no keys yet (before the first handshake)
            return;
        }
        if (expressClassifier.isExpress(packet, 0, length)) {
            Link link = session.striper().pickExpress(wireBytes(length), now);
            if (link == null) {
                counters.noLinkDrops.incrementAndGet();
                return;
            }
            send(session, packet, link, true, now);
        } else if (packet == overflow) {
            counters.sendQueueFullDrops.incrementAndGet();
        } else {
            queue.commit(length, now);
        }
    }

    /**
     * Sends queued packets while a link has room. Returns how long until one has room again, or
     * the idle poll when the queue is empty.
     */
    private long sendQueued(long now) {
        ByteBuffer packet;
        while ((packet = queue.head(now)) != null) {
            Session session = sessions.current();
            if (session == null || session.keys().sending(now) == null) {
                counters.noPeerDrops.incrementAndGet(); // the session ended while the packet waited
                queue.removeHead();
                continue;
            }
            Link link = session.striper().pickPaced(wireBytes(packet.limit()), now, queue.headWaitNanos(now));
            if (link == null) {
                long wait = session.striper().paceWaitNanos();
                if (wait > 0) {
                    return wait;
                }
                counters.noLinkDrops.incrementAndGet();
                queue.removeHead();
                continue;
            }
            try {
                send(session, packet, link, false, now);
            } catch (RuntimeException e) {
                counters.onPacketPathFailure("send", e);
            }
            queue.removeHead();
        }
        return IDLE_POLL_NANOS;
    }

    private static int wireBytes(int packetLength) {
        return packetLength + Overhead.TUNNEL_BYTES;
    }

    /** Seals {@code packet} (position 0 to limit) as the session's next data packet and sends it on {@code link}. */
    private void send(Session session, ByteBuffer packet, Link link, boolean express, long now) {
        int packetLength = packet.limit();
        int bodyLength = DataBody.PACKET_OFFSET + packetLength;
        body.clear();
        int sequence = session.takeSequence();
        DataBody.sequence(body, 0, sequence);
        DataBody.stamp(body, 0, now, express);
        body.put(DataBody.PACKET_OFFSET, packet, 0, packetLength);
        body.limit(bodyLength);
        session.sentPackets().remember(sequence, body, link.id());
        sealer.seal(session, PacketType.DATA, link.id(), body, datagram, now);
        out.send(link, datagram);
        if (express && redundantExpress) {
            sendSecondCopy(session, link);
        }
        protect(session, sequence, link, packet);
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
                out.send(second, datagram);
            }
        }
    }

    /** Adds the packet just sent to the open FEC group, closing the group when it is full. */
    private void protect(Session session, int sequence, Link link, ByteBuffer packet) {
        if (!fecSettings.enabled()) {
            return;
        }
        if (session != fecSession) {
            fec = fecSettings.newEncoder(tun.mtu());
            fecSession = session;
            java.util.Arrays.fill(groupData, 0);
            java.util.Arrays.fill(groupParity, 0);
        }
        fec.add(sequence, packet, System.nanoTime());
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
        if (sealer.seal(session, PacketType.PARITY, link.id(), body, datagram, System.nanoTime()) && out.send(link, datagram)) {
            counters.parityPackets.incrementAndGet();
            counters.parityBytes.addAndGet(datagram.limit());
        }
        groupParity[link.id()]++;
    }

    void stop() {
        running = false;
    }
}
