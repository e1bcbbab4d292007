package dev.chainlightning.crypto;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data keys one handshake produced, with everything that belongs to them: the index each
 * side picked (a packet names the receiver's index, so the receiver finds the keys without
 * trying any), the send counter (nonces start at 0: the keys are new), and the replay window of
 * the receive direction. Keys are never reused across handshakes, so no nonce can repeat.
 */
public final class Keypair {
    /**
     * After this many packets sent the keys are replaced like after {@code rekey_after}; at
     * {@link #REJECT_AFTER_MESSAGES} they are no longer used at all. Far beyond what a tunnel sends in
     * the keys' lifetime, so in practice the timer decides; the limits keep the counter far from
     * the 2^64 where a nonce would repeat.
     */
    public static final long REKEY_AFTER_MESSAGES = 1L << 48;
    public static final long REJECT_AFTER_MESSAGES = (1L << 48) + (1L << 32);

    private final int localIndex;
    private final int remoteIndex;
    private final byte[] sendKey;
    private final AtomicLong sendCounter = new AtomicLong();
    private final PacketOpener opener;
    private final ReplayWindow replay = new ReplayWindow();
    private final long createdNanos;
    private final boolean initiator;

    /**
     * @param localIndex  the index we picked: the peer writes it into what it sends under these keys
     * @param remoteIndex the index the peer picked: we write it into what we send
     * @param initiator   whether we started the handshake (the client)
     */
    public Keypair(int localIndex, int remoteIndex, byte[] sendKey, byte[] receiveKey, boolean initiator, long createdNanos) {
        this.localIndex = localIndex;
        this.remoteIndex = remoteIndex;
        this.sendKey = sendKey.clone();
        this.opener = new PacketOpener(receiveKey);
        this.initiator = initiator;
        this.createdNanos = createdNanos;
    }

    public int localIndex() {
        return localIndex;
    }

    public int remoteIndex() {
        return remoteIndex;
    }

    public boolean initiator() {
        return initiator;
    }

    public long createdNanos() {
        return createdNanos;
    }

    /** A sealer for one sending thread; all of them share this keypair's counter. */
    public PacketSealer newSealer(CipherSuite suite) {
        return new PacketSealer(suite, sendKey, sendCounter, remoteIndex);
    }

    public long sent() {
        return sendCounter.get();
    }

    /**
     * Receive thread: authenticates and decrypts {@code packet} into {@code body}, then checks its
     * counter against the replay window (only an authentic packet may move the window).
     */
    public OpenResult open(ByteBuffer packet, ByteBuffer body) {
        if (!opener.open(packet, body)) {
            return OpenResult.FORGED;
        }
        return replay.accept(dev.chainlightning.wire.PacketHeader.counter(packet, 0)) ? OpenResult.OK : OpenResult.REPLAYED;
    }

    /** What {@link #open} made of a packet. */
    public enum OpenResult { OK, FORGED, REPLAYED }
}
