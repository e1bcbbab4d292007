package dev.chainlightning.engine;

import dev.chainlightning.crypto.noise.HandshakeException;
import dev.chainlightning.crypto.noise.HandshakeResponder;
import dev.chainlightning.handshake.CookieJar;
import dev.chainlightning.handshake.HandshakeLimiter;
import dev.chainlightning.handshake.HandshakeMacs;
import dev.chainlightning.handshake.Tai64n;
import dev.chainlightning.wire.HandshakePackets;
import dev.chainlightning.wire.PacketType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

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
 * The client sends each initiation on every link; a copy of the one just taken is answered with
 * the same response on its own link (once per link), so the handshake completes over whichever
 * link works. Receive thread only.
 */
final class ServerHandshake {
    /** What the server does with keys it agreed: finds or starts the client's session and installs them. */
    interface Acceptor {
        /** Returns the link the response goes out on, or null when the link id is not acceptable. */
        dev.chainlightning.link.Link accept(int runId, int ownIndex, int clientIndex, dev.chainlightning.crypto.noise.TransportKeys keys,
                                            int linkId, java.nio.channels.DatagramChannel via, InetSocketAddress from, long nowNanos);

        /** An index for new keys not in use by the current session. */
        int freshIndex();
    }

    private final Credentials credentials;
    private final HandshakeMacs ownMacs;
    private final HandshakeMacs clientMacs;
    private final CookieJar cookies;
    private final HandshakeLimiter limiter = new HandshakeLimiter();
    private final Acceptor acceptor;
    private byte[] lastTimestamp = new byte[Tai64n.LENGTH];
    /** The Noise part of the last initiation taken, its response, and the links that response went out on. */
    private byte[] lastInitiation;
    private byte[] lastResponse;
    private final boolean[] answeredLinks = new boolean[256];

    ServerHandshake(Credentials credentials, Acceptor acceptor) {
        this.credentials = credentials;
        this.acceptor = acceptor;
        this.ownMacs = new HandshakeMacs(credentials.own().publicKey().bytes());
        this.clientMacs = new HandshakeMacs(credentials.peer().bytes());
        this.cookies = new CookieJar(ownMacs);
    }

    /** Returns why the initiation was dropped, or null when it was answered. */
    DropReason onInitiation(byte[] packet, java.nio.channels.DatagramChannel via, InetSocketAddress from, long nowNanos) {
        if (!HandshakeMacs.matches(packet, HandshakePackets.INITIATION_MAC1_OFFSET, ownMacs.mac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET))) {
            return DropReason.BAD_MAC;
        }
        int linkId = packet[HandshakePackets.LINK_OFFSET] & 0xff;
        if (lastInitiation != null && Arrays.equals(packet, HandshakePackets.INITIATION_NOISE_OFFSET, HandshakePackets.INITIATION_MAC1_OFFSET,
                lastInitiation, 0, lastInitiation.length)) {
            return answerCopy(linkId, via, from);
        }
        if (limiter.underLoad(nowNanos)) {
            if (!cookies.hasValidMac2(packet, from, nowNanos)) {
                sendTo(via, from, cookies.reply(packet, from, linkId, nowNanos));
                return DropReason.BUSY;
            }
            if (!limiter.allow(from.getAddress(), nowNanos)) {
                return DropReason.BUSY;
            }
        }
        HandshakeResponder responder = new HandshakeResponder(credentials.own());
        byte[] payload;
        try {
            payload = responder.readMessage1(Arrays.copyOfRange(packet, HandshakePackets.INITIATION_NOISE_OFFSET, HandshakePackets.INITIATION_MAC1_OFFSET));
        } catch (HandshakeException e) {
            return DropReason.BAD_HANDSHAKE;
        }
        if (!responder.remoteStatic().equals(credentials.peer())) {
            return DropReason.UNKNOWN_PEER;
        }
        byte[] timestamp = Arrays.copyOf(payload, Tai64n.LENGTH);
        if (Tai64n.compare(timestamp, lastTimestamp) <= 0) {
            return DropReason.REPLAY;
        }
        byte[] message;
        try {
            message = responder.writeMessage2(new byte[0], credentials.psk());
        } catch (HandshakeException e) {
            return DropReason.BAD_HANDSHAKE; // the client's ephemeral key is a low-order point
        }
        int runId = ByteBuffer.wrap(payload).getInt(Tai64n.LENGTH);
        int clientIndex = ByteBuffer.wrap(packet).getInt(HandshakePackets.INITIATION_SENDER_OFFSET);
        int ownIndex = acceptor.freshIndex();
        byte[] response = response(linkId, ownIndex, clientIndex, message);
        // Only now, with the client authenticated and the initiation fresh, may anything change.
        var link = acceptor.accept(runId, ownIndex, clientIndex, responder.transportKeys(), linkId, via, from, nowNanos);
        if (link == null) {
            return DropReason.BAD_LINK;
        }
        lastTimestamp = timestamp;
        lastInitiation = Arrays.copyOfRange(packet, HandshakePackets.INITIATION_NOISE_OFFSET, HandshakePackets.INITIATION_MAC1_OFFSET);
        lastResponse = response;
        Arrays.fill(answeredLinks, false);
        answeredLinks[linkId] = true;
        link.send(ByteBuffer.wrap(response));
        return null;
    }

    /**
     * A copy of the initiation just taken, from another link: the same answer, once per link, to
     * where the copy came from. A copy proves nothing about its source (anyone can replay it), so
     * it changes no state, and the answer is smaller than the copy: nothing to amplify.
     */
    private DropReason answerCopy(int linkId, java.nio.channels.DatagramChannel via, InetSocketAddress from) {
        if (answeredLinks[linkId]) {
            return DropReason.REPLAY;
        }
        answeredLinks[linkId] = true;
        byte[] copy = lastResponse.clone();
        copy[HandshakePackets.LINK_OFFSET] = (byte) linkId;
        writeMac1(copy); // the MAC covers the link byte
        sendTo(via, from, copy);
        return null;
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

    private static void sendTo(java.nio.channels.DatagramChannel via, InetSocketAddress to, byte[] packet) {
        try {
            via.send(ByteBuffer.wrap(packet), to);
        } catch (java.io.IOException e) {
            // A cookie reply that cannot go out is like one lost on the way: the client asks again.
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
