package dev.chainlightning.engine;

import dev.chainlightning.fec.group.FecDecoder;
import dev.chainlightning.fec.group.LossMeter;
import dev.chainlightning.reorder.DeliveryAlignment;
import dev.chainlightning.reorder.ReorderBuffer;
import dev.chainlightning.sched.Striper;
import dev.chainlightning.crypto.Keypair;
import dev.chainlightning.wire.PacketHeader;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * What both ends know about one client run: its id (the client's run id, random per start), its
 * keys (replaced by a handshake every couple of minutes, see {@link KeyRing}), its links, the
 * data sequence, and the reorder buffer of the receive direction. A rekey changes only the keys:
 * sequence numbers, links and buffers carry on.
 */
public final class Session {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int id;
    private final KeyRing keys;
    private final Striper striper = new Striper();
    private final ReorderBuffer reorder;
    private final DeliveryAlignment alignment;
    /** Recent data packets of our sending direction, for NACKs. */
    private final SentPackets sentPackets;
    /** Sequence number of the next data packet; touched by the send thread only. */
    private int nextSequence;
    /** The peer process's instance id from its heartbeats; 0 until the first. Receive thread only. */
    private int peerInstance;

    private final FecDecoder fec;
    private final LossMeter lossMeter = new LossMeter();
    /** The data loss the peer reports seeing from us (millionths); steers adaptive FEC. */
    private volatile int peerLossPpm;

    /** @param fec the receive half of FEC, or null when FEC is off */
    Session(int id, KeyRing keys, ReorderBuffer reorder, DeliveryAlignment alignment, FecDecoder fec, SentPackets sentPackets) {
        this.id = id;
        this.keys = keys;
        this.fec = fec;
        this.reorder = reorder;
        this.alignment = alignment;
        this.sentPackets = sentPackets;
    }

    SentPackets sentPackets() {
        return sentPackets;
    }

    public int id() {
        return id;
    }

    KeyRing keys() {
        return keys;
    }

    /** How many handshakes gave this session keys (one at start, one per rekey). Read-only, for metrics. */
    public int handshakes() {
        return keys.handshakes();
    }

    /** Whether this side has keys it may seal with now: a handshake completed and its keys are not too old. */
    public boolean hasKeys(long nowNanos) {
        return keys.sending(nowNanos) != null;
    }

    /**
     * Receive thread: finds the keys {@code packet} names, authenticates and decrypts it into
     * {@code body} and checks it is no replay. Returns false, after counting why, when the packet
     * is not genuine; only a genuine one may change state (here: confirm the server's new keys).
     */
    boolean open(ByteBuffer packet, ByteBuffer body, TunnelCounters counters, long nowNanos) {
        Keypair sealedWith = keys.forIndex(PacketHeader.session(packet, 0), nowNanos);
        if (sealedWith == null) {
            counters.drop(DropReason.NO_SESSION);
            return false;
        }
        switch (sealedWith.open(packet, body)) {
            case FORGED -> {
                counters.drop(DropReason.AUTH);
                return false;
            }
            case REPLAYED -> {
                counters.drop(DropReason.REPLAY);
                return false;
            }
            default -> {
                keys.onAuthenticated(sealedWith);
                return true;
            }
        }
    }

    public Striper striper() {
        return striper;
    }

    public ReorderBuffer reorder() {
        return reorder;
    }

    /** When bulk packets of the receive direction are due (see DeliveryAlignment). */
    public DeliveryAlignment alignment() {
        return alignment;
    }

    /** The receive half of FEC, or null when FEC is off. */
    public FecDecoder fec() {
        return fec;
    }

    LossMeter lossMeter() {
        return lossMeter;
    }

    int peerLossPpm() {
        return peerLossPpm;
    }

    void onPeerLossReport(int lossPpm) {
        peerLossPpm = Math.max(0, Math.min(1_000_000, lossPpm));
    }

    /**
     * Receive thread: a heartbeat named the peer's instance. A new instance inside the same
     * session means the peer restarted (the server keeps no state across restarts) and counts its
     * data from 0 again, so the reorder buffer must follow rather than drop everything as late.
     */
    void onPeerInstance(int instance, String linkName) {
        if (peerInstance != 0 && instance != peerInstance) {
            reorder.restart();
            dev.chainlightning.util.Log.info("peer restarted (heard on link " + linkName + "); following its new sequence");
        }
        peerInstance = instance;
    }

    int takeSequence() {
        return nextSequence++;
    }

    static int randomId() {
        return RANDOM.nextInt();
    }
}
