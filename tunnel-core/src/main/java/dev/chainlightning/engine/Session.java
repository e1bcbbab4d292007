package dev.chainlightning.engine;

import dev.chainlightning.crypto.PacketOpener;
import dev.chainlightning.crypto.SessionKeys;
import dev.chainlightning.fec.group.FecDecoder;
import dev.chainlightning.fec.group.LossMeter;
import dev.chainlightning.reorder.DeliveryAlignment;
import dev.chainlightning.reorder.ReorderBuffer;
import dev.chainlightning.sched.Striper;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both ends know about one client run: its id and keys, its links, the send counter and
 * sequence, and the reorder buffer of the receive direction.
 */
public final class Session {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int id;
    private final byte[] sendKey;
    private final PacketOpener opener;
    private final AtomicLong sendCounter;
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
    Session(int id, SessionKeys keys, boolean isClient, ReorderBuffer reorder, DeliveryAlignment alignment, FecDecoder fec,
            SentPackets sentPackets) {
        this.id = id;
        this.fec = fec;
        this.sendKey = keys.sendKey(isClient);
        this.opener = new PacketOpener(keys.receiveKey(isClient));
        // A random start keeps nonces unique even if this side restarts inside the same session.
        this.sendCounter = new AtomicLong(RANDOM.nextLong() >>> 2);
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

    byte[] sendKey() {
        return sendKey;
    }

    AtomicLong sendCounter() {
        return sendCounter;
    }

    PacketOpener opener() {
        return opener;
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
