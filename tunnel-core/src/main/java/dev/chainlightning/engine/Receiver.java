package dev.chainlightning.engine;

import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.fec.group.FecDecoder;
import dev.chainlightning.link.BatchedReceiver;
import dev.chainlightning.link.Link;
import dev.chainlightning.wire.DataBody;
import dev.chainlightning.wire.HandshakePackets;
import dev.chainlightning.wire.Obfuscation;
import dev.chainlightning.wire.Obfuscator;
import dev.chainlightning.wire.HeartbeatBody;
import dev.chainlightning.wire.NackBody;
import dev.chainlightning.wire.PacketHeader;
import dev.chainlightning.wire.ParityBody;
import dev.chainlightning.wire.PacketType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * The receive thread: every link socket → check → authenticate → per type: data into the reorder
 * buffer (and from there to TUN), heartbeats answered on the link they came from, answers to our
 * heartbeats into the link's health. A packet that fails any check is dropped and counted; nothing
 * about it reaches TUN or changes state. Our code allocates nothing per packet; the JDK's AEAD
 * does a little (see docs/BENCHMARKS.md).
 */
final class Receiver implements Runnable {
    /** Datagrams drained from one socket before the others get a turn. */
    private static final int BATCH = 64;
    private static final int MIN_IP_PACKET = 20;
    private static final long IDLE_WAIT_MILLIS = 100;

    private final SessionDirectory sessions;
    private final TunnelCounters counters;
    private final SealerCache ackSealer;
    private final Selector selector;
    private final ByteBuffer datagram;
    private final ByteBuffer body;
    /** Reads the sockets a batch per syscall (recvmmsg) into {@link #datagram}. */
    private final BatchedReceiver reader;
    private final BatchedReceiver.Handler onDatagram = this::onDatagram;
    private final ByteBuffer reply = ByteBuffer.allocate(256);
    private final Resender resender;
    /** The session whose reorder buffer reports its losses through us. */
    private Session reporting;
    private volatile boolean running = true;
    /** Finished handshakes hand their state changes to this thread through it. */
    private final HandshakeWorker handshakes;
    /** Null when obfuscation is off. */
    private final Obfuscation obfuscation;

    /** Whether gaps are asked for again (resend_lost); we answer the peer's NACKs either way. */
    private final boolean resendLost;

    Receiver(SessionDirectory sessions, TunnelCounters counters, CipherSuite suite, int maxDatagram, boolean resendLost,
             HandshakeWorker handshakes, Obfuscation obfuscation) throws IOException {
        this.handshakes = handshakes;
        this.obfuscation = obfuscation;
        this.resendLost = resendLost;
        this.sessions = sessions;
        this.counters = counters;
        this.ackSealer = new SealerCache(suite);
        // Heap buffers: the JDK's AEADs allocate least on them; the reorder buffer copies into direct memory for TUN.
        // Room for obfuscation's padding and nonce, and one byte more to tell an oversized datagram.
        this.datagram = ByteBuffer.allocate(maxDatagram + Obfuscator.MAX_OVERHEAD + 1);
        this.body = ByteBuffer.allocate(maxDatagram);
        this.reader = new BatchedReceiver(datagram);
        this.resender = new Resender(ackSealer, counters, maxDatagram);
        this.selector = Selector.open();
        handshakes.wakeReceiverWith(selector::wakeup);
        for (DatagramChannel channel : sessions.channels()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, channel);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(this::drain, waitMillis());
                handshakes.runCompletions();
                Session session = sessions.current();
                if (session != null) {
                    session.reorder().poll(System.nanoTime());
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // Closing the selector is how shutdown stops this thread.
        }
    }

    /** Sleep no longer than the reorder buffer's next deadline. */
    private long waitMillis() {
        Session session = sessions.current();
        if (session == null) {
            return IDLE_WAIT_MILLIS;
        }
        long nanos = session.reorder().poll(System.nanoTime());
        return nanos == Long.MAX_VALUE ? IDLE_WAIT_MILLIS : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void drain(SelectionKey key) {
        reader.drain((DatagramChannel) key.attachment(), BATCH, onDatagram);
    }

    /** One datagram, in {@link #datagram} from position 0 to its limit. */
    private void onDatagram(DatagramChannel channel, InetSocketAddress from) {
        try {
            handle(channel, from);
        } catch (RuntimeException e) {
            // A bug must cost one packet, not the receive thread (and with it the tunnel).
            counters.onPacketPathFailure("receive", e);
            counters.drop(DropReason.INTERNAL);
        }
    }

    private void handle(DatagramChannel channel, InetSocketAddress from) {
        long now = System.nanoTime();
        if (datagram.limit() == datagram.capacity()) {
            counters.drop(DropReason.OVERSIZED);
            return;
        }
        if (obfuscation != null && !obfuscation.unwrap(datagram)) {
            counters.drop(datagram.limit() <= Obfuscator.MAX_OVERHEAD - Obfuscator.MAX_PADDING ? DropReason.SHORT : DropReason.BAD_HEADER);
            return;
        }
        if (datagram.limit() > 0 && HandshakePackets.isHandshake(datagram.get(0))) {
            onHandshake(channel, from, now);
            return;
        }
        DropReason malformed = headerProblem();
        if (malformed != null) {
            counters.drop(malformed);
            return;
        }
        int length = datagram.limit();
        Session session = sessions.open(datagram, body, counters, now);
        if (session == null) {
            return;
        }
        byte type = PacketHeader.type(datagram, 0);
        DropReason badBody = bodyProblem(type);
        if (badBody != null) {
            counters.drop(badBody);
            return;
        }
        Link link = sessions.linkFor(session, PacketHeader.link(datagram, 0), channel, from, now);
        if (link == null) {
            counters.drop(DropReason.BAD_LINK);
            return;
        }
        link.counters().onReceived(length);
        if (resendLost && session != reporting) {
            // Once per session: gaps the reorder buffer gives up on are asked for again.
            session.reorder().reportLossesTo(new NackSender(session, ackSealer, counters));
            reporting = session;
        }
        switch (type) {
            case PacketType.DATA -> onData(session, link, now);
            case PacketType.HEARTBEAT -> {
                session.onPeerInstance(HeartbeatBody.instance(body, 0), link.name());
                session.onPeerLossReport(HeartbeatBody.lossPpm(body, 0));
                link.inbound().onArrival(HeartbeatBody.sentNanos(body, 0), now);
                link.capacity().onFeedback(HeartbeatBody.receivedBytes(body, 0), HeartbeatBody.sentNanos(body, 0),
                        link.counters().txBytes.get(),
                        link.health().smoothedRttNanos(), HeartbeatBody.queueMicros(body, 0) * 1000L, now);
                onHeartbeat(session, link);
            }
            case PacketType.PARITY -> onParity(session);
            case PacketType.HEARTBEAT_ACK -> link.health().onAck(HeartbeatBody.sentNanos(body, 0), now);
            case PacketType.NACK -> resender.onNack(session, body);
            default -> counters.drop(DropReason.BAD_TYPE);
        }
    }

    /**
     * Handshake packets are rare (one per link every couple of minutes), so they may allocate:
     * the checks of their exact length and zero bytes come first, so garbage costs nothing more.
     */
    private void onHandshake(DatagramChannel channel, InetSocketAddress from, long now) {
        int length = datagram.limit();
        int expected = HandshakePackets.lengthOf(datagram.get(0));
        DropReason problem;
        if (length != expected) {
            problem = length < expected ? DropReason.SHORT : DropReason.BAD_BODY;
        } else if (datagram.get(HandshakePackets.ZERO_OFFSET) != 0 || datagram.get(HandshakePackets.ZERO_OFFSET + 1) != 0) {
            problem = DropReason.BAD_HEADER;
        } else {
            byte[] packet = new byte[length];
            datagram.get(0, packet);
            problem = sessions.onHandshake(packet, channel, from, now);
        }
        if (problem != null) {
            counters.drop(problem);
        }
    }

    /** What is wrong with the clear-text header of the datagram, or null when it may be opened. */
    private DropReason headerProblem() {
        int length = datagram.limit();
        if (length < PacketHeader.LENGTH + dev.chainlightning.wire.Overhead.TAG_LENGTH) {
            return DropReason.SHORT;
        }
        if (!PacketType.isKnown(PacketHeader.type(datagram, 0))) {
            return DropReason.BAD_TYPE;
        }
        if (PacketHeader.reserved(datagram, 0) != 0 || CipherSuite.fromWireId(PacketHeader.cipher(datagram, 0)) == null) {
            return DropReason.BAD_HEADER;
        }
        return null;
    }

    /** What is wrong with the decrypted body for its type, or null when it is sound. */
    private DropReason bodyProblem(byte type) {
        int n = body.remaining();
        return switch (type) {
            case PacketType.DATA -> n < DataBody.PACKET_OFFSET + MIN_IP_PACKET ? DropReason.BAD_BODY
                    : isIpPacket() ? null : DropReason.NOT_IP;
            case PacketType.PARITY -> n >= ParityBody.SHARD_OFFSET + MIN_IP_PACKET ? null : DropReason.BAD_BODY;
            case PacketType.NACK -> NackBody.isWellFormed(body, 0, n) ? null : DropReason.BAD_BODY;
            default -> n == HeartbeatBody.LENGTH ? null : DropReason.BAD_BODY;
        };
    }

    /** Only an IPv4 or IPv6 packet whose own length fits what arrived may go to TUN. */
    private boolean isIpPacket() {
        int start = DataBody.PACKET_OFFSET;
        int available = body.limit() - start;
        int version = (body.get(start) & 0xff) >>> 4;
        if (version == 4) {
            int total = body.getShort(start + 2) & 0xffff;
            return total >= MIN_IP_PACKET && total <= available;
        }
        if (version == 6) {
            return available >= 40 && 40 + (body.getShort(start + 4) & 0xffff) <= available;
        }
        return false;
    }

    private void onData(Session session, Link link, long now) {
        int sequence = DataBody.sequence(body, 0);
        boolean express = DataBody.isExpress(body, 0);
        int sentMicros = DataBody.sentMicros(body, 0);
        body.position(DataBody.PACKET_OFFSET);
        if (express) {
            session.reorder().offerExpress(sequence, body, link.id(), now);
        } else {
            session.reorder().offer(sequence, body, link.id(), now, session.alignment().dueNanos(sentMicros, now));
        }
        FecDecoder fec = session.fec();
        if (fec != null) {
            fec.onData(sequence, body); // may rebuild packets of its group and offer them to the reorder buffer
        }
    }

    private void onParity(Session session) {
        FecDecoder fec = session.fec();
        if (fec == null || !fec.onParity(body)) {
            counters.drop(DropReason.BAD_BODY); // parity while FEC is off here, or a parity body that makes no sense
        }
    }

    /** Echo the heartbeat's body back on the same link, so the sender measures its round trip. */
    private void onHeartbeat(Session session, Link link) {
        if (ackSealer.seal(session, PacketType.HEARTBEAT_ACK, link.id(), body, reply, System.nanoTime())) {
            link.send(reply);
        }
    }

    void stop() {
        running = false;
        try {
            selector.close();
        } catch (IOException e) {
            // already closing
        }
    }
}
