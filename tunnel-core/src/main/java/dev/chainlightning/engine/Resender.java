package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import dev.chainlightning.wire.NackBody;
import dev.chainlightning.wire.Overhead;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;

/**
 * Receive thread: answers the peer's NACK by sending the packets it names again, from the record
 * of recent packets ({@link SentPackets}), each on the up link with the smallest round trip other
 * than the one it was lost on. Packets no longer remembered are skipped: the peer gives them up.
 * Allocation-free.
 */
final class Resender {
    /** A NACK can name many packets; a bound keeps one from tying up the receive thread. */
    static final int MAX_PER_NACK = 2048;
    /** A packet asked for again within this time is answered once: the NACK's second copy. */
    private static final long SECOND_COPY_WINDOW_NANOS = 20_000_000L;

    private final SealerCache sealer;
    private final TunnelCounters counters;
    private final ByteBuffer body;
    private final ByteBuffer datagram;

    Resender(SealerCache sealer, TunnelCounters counters, int maxBody) {
        this.sealer = sealer;
        this.counters = counters;
        this.body = ByteBuffer.allocate(maxBody);
        this.datagram = ByteBuffer.allocate(maxBody + Overhead.TUNNEL_BYTES);
    }

    /** Sends again what the NACK body in {@code nack} (position 0) asks for. */
    void onNack(Session session, ByteBuffer nack) {
        long now = System.nanoTime();
        int budget = MAX_PER_NACK;
        int runs = NackBody.runs(nack, 0);
        for (int r = 0; r < runs && budget > 0; r++) {
            int first = NackBody.first(nack, 0, r);
            int count = Math.min(NackBody.count(nack, 0, r), budget);
            budget -= count;
            for (int i = 0; i < count; i++) {
                resend(session, first + i, now);
            }
        }
    }

    private void resend(Session session, int sequence, long now) {
        SentPackets sent = session.sentPackets();
        int lostOn = sent.linkOf(sequence);
        if (lostOn < 0 || !sent.claimResend(sequence, now, SECOND_COPY_WINDOW_NANOS) || !sent.copy(sequence, body)) {
            return;
        }
        Link link = session.striper().nearestUp(now, lostOn);
        if (link == null) {
            link = session.striper().nearestUp(now, -1);
        }
        if (link == null) {
            return;
        }
        if (sealer.seal(session, PacketType.DATA, link.id(), body, datagram, now) && link.send(datagram)) {
            counters.resentPackets.incrementAndGet();
        }
    }
}
