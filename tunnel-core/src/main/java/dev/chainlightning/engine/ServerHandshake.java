package dev.chainlightning.engine;

import dev.chainlightning.crypto.noise.HandshakeException;
import dev.chainlightning.crypto.noise.HandshakeResponder;
import dev.chainlightning.crypto.noise.TransportKeys;
import dev.chainlightning.handshake.CookieJar;
import dev.chainlightning.handshake.HandshakeLimiter;
import dev.chainlightning.handshake.HandshakeMacs;
import dev.chainlightning.handshake.Tai64n;
import dev.chainlightning.link.Link;
import dev.chainlightning.wire.HandshakePackets;
import dev.chainlightning.wire.Obfuscation;
import dev.chainlightning.wire.PacketType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server's side of the handshake: checks an initiation from the cheapest test to the
 * costliest, answers it, and hands the new keys to the session. In order:
 * <ol>
 *   <li>mac1: the sender knows our public key (else silence: scanners learn nothing);</li>
 *   <li>load: beyond {@link HandshakeLimiter}'s rate, only initiations with a valid cookie (mac2)
 *       go on; the others get a cookie reply, smaller than the initiation, and each source
 *       address only its share;</li>
 *   <li>Noise message 1: authenticates the client's static key, which must be the configured peer's;</li>
 *   <li>the timestamp must be newer than the last one taken, so a recorded initiation is refused.</li>
 * </ol>
 * Steps 1-2 run on the receive thread; 3-4 and the answer's Diffie-Hellman on the
 * {@link HandshakeWorker}, whose completion installs the keys back on the receive thread. The
 * client sends each initiation on every link; a copy of the one in progress or just taken is
 * answered with the same response on its own link (once per link), so the handshake completes
 * over whichever link works.
 */
final class ServerHandshake {
    /** What the server does with keys it agreed: finds or starts the client's session and installs them. */
    interface Acceptor {
        /** Returns the link the response goes out on, or null when the link id is not acceptable. */
        Link accept(int runId, int ownIndex, int clientIndex, TransportKeys keys, int linkId, DatagramChannel via,
                    InetSocketAddress from, long nowNanos);

        /** An index for new keys not in use by the current session. */
        int freshIndex();

        /** Whether {@code address} is where one of the current session's links is answered. */
        boolean isLinkAddress(InetSocketAddress address);
    }

    /** Where a copy of an initiation came from, to answer it there. */
    private record Copy(int linkId, DatagramChannel via, InetSocketAddress from) {
    }

    private final Credentials credentials;
    private final HandshakeMacs ownMacs;
    private final HandshakeMacs clientMacs;
    private final CookieJar cookies;
    private final HandshakeLimiter limiter = new HandshakeLimiter();
    private final Acceptor acceptor;
    private final HandshakeWorker worker;
    private final TunnelCounters counters;
    private final Obfuscation obfuscation;

    /** Worker thread only: the newest timestamp taken. */
    private byte[] lastTimestamp = new byte[Tai64n.LENGTH];

    // ---- receive thread only
    /** The Noise part of the initiation being answered or answered last. */
    private byte[] lastInitiation;
    /** Its response, once made; null while the worker is still at it. */
    private byte[] lastResponse;
    private final boolean[] answeredLinks = new boolean[256];
    /** Copies that came while the worker was at it: answered when it is done. */
    private final List<Copy> waitingCopies = new ArrayList<>();

    /** @param obfuscation the obfuscation layer, or null when it is off */
    ServerHandshake(Credentials credentials, Acceptor acceptor, HandshakeWorker worker, TunnelCounters counters,
                    Obfuscation obfuscation) {
        this.obfuscation = obfuscation;
        this.credentials = credentials;
        this.acceptor = acceptor;
        this.worker = worker;
        this.counters = counters;
        this.ownMacs = new HandshakeMacs(credentials.own().publicKey().bytes());
        this.clientMacs = new HandshakeMacs(credentials.peer().bytes());
        this.cookies = new CookieJar(ownMacs);
    }

    /**
     * Receive thread: returns why the initiation was dropped, or null when it was taken (answered
     * now, or handed to the worker, which counts its own refusals).
     */
    DropReason onInitiation(byte[] packet, DatagramChannel via, InetSocketAddress from, long nowNanos) {
        if (!ownMacs.hasValidMac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET)) {
            return DropReason.BAD_MAC;
        }
        int linkId = packet[HandshakePackets.LINK_OFFSET] & 0xff;
        byte[] noise = Arrays.copyOfRange(packet, HandshakePackets.INITIATION_NOISE_OFFSET, HandshakePackets.INITIATION_MAC1_OFFSET);
        if (Arrays.equals(noise, lastInitiation)) {
            return answerCopy(new Copy(linkId, via, from));
        }
        if (limiter.underLoad(nowNanos)) {
            // Where the client's links are answered now is where it will renew its keys from: a
            // flood from elsewhere (or one sharing its IP behind a NAT) must not use up its share.
            boolean known = acceptor.isLinkAddress(from);
            if (!cookies.hasValidMac2(packet, from, nowNanos)) {
                if (known || limiter.allowCookieReply(from.getAddress(), nowNanos)) {
                    sendTo(via, from, cookies.reply(packet, from, linkId, nowNanos));
                }
                return DropReason.BUSY;
            }
            if (!known && !limiter.allow(from.getAddress(), nowNanos)) {
                return DropReason.BUSY;
            }
        }
        int clientIndex = ByteBuffer.wrap(packet).getInt(HandshakePackets.INITIATION_SENDER_OFFSET);
        if (!worker.offer(() -> respond(noise, clientIndex, linkId, via, from, nowNanos))) {
            return DropReason.BUSY;
        }
        lastInitiation = noise;
        lastResponse = null;
        Arrays.fill(answeredLinks, false);
        answeredLinks[linkId] = true;
        waitingCopies.clear();
        return null;
    }

    /** Worker thread: the costly part; what it changes goes back to the receive thread. */
    private void respond(byte[] noise, int clientIndex, int linkId, DatagramChannel via, InetSocketAddress from, long nowNanos) {
        HandshakeResponder responder = new HandshakeResponder(credentials.own());
        byte[] payload;
        byte[] message;
        try {
            payload = responder.readMessage1(noise);
            if (!responder.remoteStatic().equals(credentials.peer())) {
                counters.drop(DropReason.UNKNOWN_PEER);
                return;
            }
            byte[] timestamp = Arrays.copyOf(payload, Tai64n.LENGTH);
            if (Tai64n.compare(timestamp, lastTimestamp) <= 0) {
                counters.drop(DropReason.REPLAY);
                return;
            }
            lastTimestamp = timestamp;
            message = responder.writeMessage2(new byte[0], credentials.psk());
        } catch (HandshakeException e) {
            counters.drop(DropReason.BAD_HANDSHAKE);
            return;
        }
        int runId = ByteBuffer.wrap(payload).getInt(Tai64n.LENGTH);
        TransportKeys keys = responder.transportKeys();
        worker.complete(() -> install(noise, runId, clientIndex, keys, message, linkId, via, from, nowNanos));
    }

    /** Receive thread: the client is authenticated and its initiation fresh; only now may anything change. */
    private void install(byte[] noise, int runId, int clientIndex, TransportKeys keys, byte[] message, int linkId,
                         DatagramChannel via, InetSocketAddress from, long nowNanos) {
        int ownIndex = acceptor.freshIndex();
        byte[] response = response(linkId, ownIndex, clientIndex, message);
        Link link = acceptor.accept(runId, ownIndex, clientIndex, keys, linkId, via, from, nowNanos);
        if (link == null) {
            counters.drop(DropReason.BAD_LINK);
            return;
        }
        link.send(ByteBuffer.wrap(response));
        if (Arrays.equals(noise, lastInitiation)) {
            lastResponse = response;
            for (Copy copy : waitingCopies) {
                sendCopy(copy);
            }
            waitingCopies.clear();
        }
    }

    /**
     * A copy of the initiation in progress or just taken, from another link: the same answer,
     * once per link, to where the copy came from. A copy proves nothing about its source (anyone
     * can replay it), so it changes no state, and the answer is smaller than the copy: nothing
     * to amplify.
     */
    private DropReason answerCopy(Copy copy) {
        if (answeredLinks[copy.linkId()]) {
            return DropReason.REPLAY;
        }
        answeredLinks[copy.linkId()] = true;
        if (lastResponse == null) {
            waitingCopies.add(copy);
        } else {
            sendCopy(copy);
        }
        return null;
    }

    private void sendCopy(Copy copy) {
        byte[] packet = lastResponse.clone();
        packet[HandshakePackets.LINK_OFFSET] = (byte) copy.linkId();
        writeMac1(packet); // the MAC covers the link byte
        sendTo(copy.via(), copy.from(), packet);
    }

    private byte[] response(int linkId, int ownIndex, int clientIndex, byte[] message) {
        byte[] packet = new byte[HandshakePackets.RESPONSE_LENGTH];
        packet[HandshakePackets.TYPE_OFFSET] = PacketType.HANDSHAKE_RESPONSE;
        packet[HandshakePackets.LINK_OFFSET] = (byte) linkId;
        ByteBuffer.wrap(packet).putInt(HandshakePackets.RESPONSE_SENDER_OFFSET, ownIndex)
                .putInt(HandshakePackets.RESPONSE_RECEIVER_OFFSET, clientIndex);
        System.arraycopy(message, 0, packet, HandshakePackets.RESPONSE_NOISE_OFFSET, message.length);
        writeMac1(packet);
        return packet;
    }

    private void writeMac1(byte[] response) {
        System.arraycopy(clientMacs.mac1(response, HandshakePackets.RESPONSE_MAC1_OFFSET), 0, response,
                HandshakePackets.RESPONSE_MAC1_OFFSET, HandshakeMacs.LENGTH);
    }

    private void sendTo(DatagramChannel via, InetSocketAddress to, byte[] packet) {
        ByteBuffer datagram = ByteBuffer.wrap(packet);
        try {
            via.send(obfuscation == null ? datagram : obfuscation.wrap(datagram), to);
        } catch (IOException e) {
            // An answer that cannot go out is like one lost on the way: the client asks again.
        }
    }

    static {
        // The rule that keeps the server from amplifying floods towards forged sources.
        if (HandshakePackets.COOKIE_REPLY_LENGTH >= HandshakePackets.INITIATION_LENGTH
                || HandshakePackets.RESPONSE_LENGTH >= HandshakePackets.INITIATION_LENGTH) {
            throw new AssertionError("a handshake answer must be smaller than the initiation");
        }
    }
}
