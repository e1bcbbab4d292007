package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import dev.chainlightning.reorder.LossReporter;
import dev.chainlightning.wire.NackBody;
import dev.chainlightning.wire.Overhead;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;

/**
 * Receive thread: turns the reorder buffer's reports of missing packets into NACK packets to the
 * peer, sent on the two links with the smallest round trip (the one we would pick may be the link
 * that just died; both directions of a link usually go together). Allocation-free.
 */
final class NackSender implements LossReporter {
    private final Session session;
    private final SealerCache sealer;
    private final TunnelCounters counters;
    private final ByteBuffer body = ByteBuffer.allocate(NackBody.MAX_LENGTH);
    private final ByteBuffer datagram = ByteBuffer.allocate(NackBody.MAX_LENGTH + Overhead.TUNNEL_BYTES);
    private int runs;

    NackSender(Session session, SealerCache sealer, TunnelCounters counters) {
        this.session = session;
        this.sealer = sealer;
        this.counters = counters;
    }

    @Override
    public void missing(int first, int count) {
        if (runs == 0) {
            body.clear();
        }
        NackBody.run(body, 0, runs++, first, count);
        counters.nackedPackets.addAndGet(count);
        if (runs == NackBody.MAX_RUNS) {
            flush();
        }
    }

    @Override
    public void flush() {
        if (runs == 0) {
            return;
        }
        NackBody.runs(body, 0, runs);
        body.position(0).limit(NackBody.length(runs));
        runs = 0;
        long now = System.nanoTime();
        Link first = session.striper().nearestUp(now, -1);
        if (first == null) {
            return;
        }
        send(first, now);
        Link second = session.striper().nearestUp(now, first.id());
        if (second != null) {
            body.position(0);
            send(second, now);
        }
    }

    private void send(Link link, long now) {
        if (sealer.seal(session, PacketType.NACK, link.id(), body, datagram, now) && link.send(datagram)) {
            counters.nacksSent.incrementAndGet();
        }
    }
}
