package dev.chainlightning.engine;

import dev.chainlightning.crypto.Keypair;
import dev.chainlightning.crypto.noise.HandshakeException;
import dev.chainlightning.crypto.noise.HandshakeInitiator;
import dev.chainlightning.crypto.noise.TransportKeys;
import dev.chainlightning.handshake.CookieHolder;
import dev.chainlightning.handshake.HandshakeMacs;
import dev.chainlightning.handshake.Tai64n;
import dev.chainlightning.link.Link;
import dev.chainlightning.util.Log;
import dev.chainlightning.wire.HandshakePackets;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The client's handshakes (Noise IK, docs/PROTOCOL.md). The client always starts them: when its
 * session has no keys, when the keys are {@code rekey_after} old, and when nothing authentic has
 * come back for {@link #SILENCE_NANOS} although the links are in use (the server restarted and
 * forgot the keys). An initiation goes out on every link at once, so the handshake completes
 * over whichever link works; the server answers each copy on its own link and the first answer
 * wins. Unanswered, it is tried again after {@link #RETRY_NANOS} with new ephemeral keys.
 *
 * <p>The control thread starts handshakes (its Diffie-Hellman work delays only heartbeats, briefly);
 * the receive thread takes the answers and leaves their Diffie-Hellman work to the
 * {@link HandshakeWorker}, which hands the keys back to it. All three lock this object, which the
 * data path never does.
 */
final class ClientHandshake {
    static final long RETRY_NANOS = 1_000_000_000L;
    static final long SILENCE_NANOS = 1_000_000_000L;

    private final Credentials credentials;
    private final HandshakeWorker worker;
    private final TunnelCounters counters;
    private final Session session;
    private final List<Link> links;
    private final HandshakeMacs serverMacs;
    private final HandshakeMacs ownMacs;
    private final CookieHolder[] cookies;
    private final Tai64n timestamps = new Tai64n(Clock.systemUTC());
    private final SecureRandom random = new SecureRandom();

    private HandshakeInitiator pending;
    /** An answer to {@code pending} is with the worker: neither start another handshake nor take another answer. */
    private boolean completing;
    /** The answer with the worker while {@code completing}: its copies on other links are expected too. */
    private byte[] completingResponse;
    private int pendingIndex;
    private long pendingSentNanos;
    /** The answer that completed the last handshake: copies of it on other links are expected, not hostile. */
    private byte[] lastResponse;
    private boolean completedOnce;
    private int attemptsWithoutAnswer;
    /** When the receive thread last authenticated anything; written per packet, so volatile, not locked. */
    private volatile long lastAuthenticNanos;
    private long keysInstalledNanos;

    ClientHandshake(Credentials credentials, Session session, List<Link> links, HandshakeWorker worker, TunnelCounters counters) {
        this.worker = worker;
        this.counters = counters;
        this.credentials = credentials;
        this.session = session;
        this.links = links;
        this.serverMacs = new HandshakeMacs(credentials.peer().bytes());
        this.ownMacs = new HandshakeMacs(credentials.own().publicKey().bytes());
        this.cookies = new CookieHolder[links.size()];
        for (int i = 0; i < cookies.length; i++) {
            cookies[i] = new CookieHolder(serverMacs);
        }
    }

    /** Receive thread, per authentic packet: the server still knows our keys. */
    void onAuthentic(long nowNanos) {
        lastAuthenticNanos = nowNanos;
    }

    /** Control thread, every tick: starts or repeats a handshake when one is due. */
    synchronized void tick(long nowNanos) {
        boolean due = session.keys().needsRekey(nowNanos) || serverWentSilent(nowNanos);
        if (!due || completing || (pending != null && nowNanos - pendingSentNanos < RETRY_NANOS)) {
            return;
        }
        if (pending != null && ++attemptsWithoutAnswer == 3) {
            Log.info("no handshake answer from the server yet (tried 3 times on " + links.size() + " links); still trying");
        }
        initiate(nowNanos);
    }

    private boolean serverWentSilent(long nowNanos) {
        long heard = Math.max(lastAuthenticNanos, keysInstalledNanos);
        return session.keys().sending(nowNanos) != null && nowNanos - heard >= SILENCE_NANOS;
    }

    private void initiate(long nowNanos) {
        HandshakeInitiator initiator = new HandshakeInitiator(credentials.own(), credentials.peer(), credentials.psk());
        int index = freshIndex();
        byte[] payload = ByteBuffer.allocate(HandshakePackets.INITIATION_PAYLOAD_LENGTH)
                .put(timestamps.next()).putInt(session.id()).array();
        byte[] message;
        try {
            message = initiator.writeMessage1(payload);
        } catch (HandshakeException e) {
            // Only a peer_public_key that is a low-order point gets here: the config's fault, said once per try.
            Log.error("cannot start a handshake: " + e.getMessage() + " (check peer_public_key)");
            return;
        }
        pending = initiator;
        pendingIndex = index;
        pendingSentNanos = nowNanos;
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            byte[] packet = new byte[HandshakePackets.INITIATION_LENGTH];
            packet[HandshakePackets.TYPE_OFFSET] = PacketType.HANDSHAKE_INITIATION;
            packet[HandshakePackets.LINK_OFFSET] = (byte) link.id();
            ByteBuffer.wrap(packet).putInt(HandshakePackets.INITIATION_SENDER_OFFSET, index);
            System.arraycopy(message, 0, packet, HandshakePackets.INITIATION_NOISE_OFFSET, message.length);
            System.arraycopy(serverMacs.mac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET), 0, packet,
                    HandshakePackets.INITIATION_MAC1_OFFSET, HandshakeMacs.LENGTH);
            cookies[i].writeMac2(packet, nowNanos);
            link.send(ByteBuffer.wrap(packet));
        }
    }

    private int freshIndex() {
        int index;
        do {
            index = random.nextInt();
        } while (session.keys().usesIndex(index));
        return index;
    }

    /**
     * Receive thread: a handshake response. Returns why it was dropped, or null when it was taken
     * (a copy, or handed to the worker, which counts its own refusals).
     */
    synchronized DropReason onResponse(byte[] packet, Link link, long nowNanos) {
        if (sameAnswer(packet, lastResponse) || sameAnswer(packet, completingResponse)) {
            // The same answer on another link (only its link byte and MACs differ): expected, since
            // we asked on every link. It changes nothing, so there is nothing to verify.
            return null;
        }
        ByteBuffer view = ByteBuffer.wrap(packet);
        if (pending == null || completing || view.getInt(HandshakePackets.RESPONSE_RECEIVER_OFFSET) != pendingIndex) {
            return DropReason.NO_SESSION;
        }
        if (!HandshakeMacs.matches(packet, HandshakePackets.RESPONSE_MAC1_OFFSET, ownMacs.mac1(packet, HandshakePackets.RESPONSE_MAC1_OFFSET))) {
            return DropReason.BAD_MAC;
        }
        HandshakeInitiator initiator = pending;
        int index = pendingIndex;
        byte[] message = Arrays.copyOfRange(packet, HandshakePackets.RESPONSE_NOISE_OFFSET, HandshakePackets.RESPONSE_MAC1_OFFSET);
        if (!worker.offer(() -> finish(initiator, index, message, packet, link, nowNanos))) {
            return DropReason.BUSY;
        }
        completing = true; // one answer at a time
        completingResponse = packet.clone();
        return null;
    }

    /** Whether {@code packet} is {@code answer} as sent on another link: only the link byte and MACs differ. */
    private static boolean sameAnswer(byte[] packet, byte[] answer) {
        return answer != null && Arrays.equals(packet, HandshakePackets.RESPONSE_SENDER_OFFSET, HandshakePackets.RESPONSE_MAC1_OFFSET,
                answer, HandshakePackets.RESPONSE_SENDER_OFFSET, HandshakePackets.RESPONSE_MAC1_OFFSET);
    }

    /** Worker thread: Noise message 2; the keys go to the receive thread. */
    private void finish(HandshakeInitiator initiator, int index, byte[] message, byte[] packet, Link link, long nowNanos) {
        TransportKeys keys;
        try {
            initiator.readMessage2(message);
            keys = initiator.transportKeys();
        } catch (HandshakeException e) {
            counters.drop(DropReason.BAD_HANDSHAKE);
            synchronized (this) {
                completing = false;
                completingResponse = null;
            }
            return;
        }
        int serverIndex = ByteBuffer.wrap(packet).getInt(HandshakePackets.RESPONSE_SENDER_OFFSET);
        worker.complete(() -> install(index, serverIndex, keys, packet, link, nowNanos));
    }

    /** Receive thread: the handshake is done; seal with the new keys from now on. */
    private synchronized void install(int index, int serverIndex, TransportKeys keys, byte[] packet, Link link, long nowNanos) {
        session.keys().installAsInitiator(new Keypair(index, serverIndex, keys.sendKey(true), keys.receiveKey(true), true, nowNanos));
        keysInstalledNanos = nowNanos;
        if (pendingIndex == index) {
            pending = null;
        }
        completing = false;
        completingResponse = null;
        lastResponse = packet.clone();
        attemptsWithoutAnswer = 0;
        if (!completedOnce) {
            Log.info("handshake with the server complete over link " + link.name());
            completedOnce = true;
        } else {
            // Every rekey_after_seconds (two minutes by default): worth a line, not more.
            Log.info("keys renewed over link " + link.name() + " (handshake " + session.keys().handshakes() + ")");
        }
    }

    /** Receive thread: the server is under load and sent a cookie for this link's address. */
    synchronized DropReason onCookieReply(byte[] packet, Link link, long nowNanos) {
        if (pending == null || ByteBuffer.wrap(packet).getInt(HandshakePackets.COOKIE_RECEIVER_OFFSET) != pendingIndex) {
            return DropReason.NO_SESSION;
        }
        if (!cookies[link.id()].onReply(packet, nowNanos)) {
            return DropReason.AUTH;
        }
        pendingSentNanos = nowNanos - RETRY_NANOS; // ask again at the next tick, now with the cookie
        return null;
    }
}
