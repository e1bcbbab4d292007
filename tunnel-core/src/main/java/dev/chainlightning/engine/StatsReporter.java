package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import dev.chainlightning.reorder.ReorderBuffer;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints, every stats interval, one line per link (state up/degraded/down, RTT, recent heartbeat
 * loss, tx and rx rate, capacity, queue, the link's score against the best link and its heartbeat
 * interval) and one line for the tunnel (packets through TUN, reordering, drops by reason).
 */
final class StatsReporter implements Runnable {
    private final String role;
    private final java.util.function.Supplier<Session> sessions;
    private final TunnelCounters counters;
    private final PrintStream out;
    private final long[] lastTx = new long[dev.chainlightning.sched.Striper.MAX_LINKS];
    private final long[] lastRx = new long[dev.chainlightning.sched.Striper.MAX_LINKS];
    private long lastNanos = System.nanoTime();
    private Session lastSession;

    /** @param sessions the session to report on at each run (the server's changes when a client restarts) */
    StatsReporter(String role, java.util.function.Supplier<Session> sessions, TunnelCounters counters, PrintStream out) {
        this.role = role;
        this.sessions = sessions;
        this.counters = counters;
        this.out = out;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        Session session = sessions.get();
        if (session != lastSession) {
            java.util.Arrays.fill(lastTx, 0);
            java.util.Arrays.fill(lastRx, 0);
            lastSession = session;
        }
        StringBuilder text = new StringBuilder();
        if (session != null) {
            for (int id = 0; id <= session.striper().highestId(); id++) {
                Link link = session.striper().link(id);
                if (link != null) {
                    text.append(linkLine(link, now, seconds)).append('\n');
                }
            }
        }
        text.append(tunnelLine(session)).append('\n');
        text.append(fecLine(session));
        out.println(text);
        out.flush();
    }

    private String linkLine(Link link, long now, double seconds) {
        int id = link.id();
        long tx = link.counters().txBytes.get();
        long rx = link.counters().rxBytes.get();
        double txMbit = (tx - lastTx[id]) * 8 / seconds / 1e6;
        double rxMbit = (rx - lastRx[id]) * 8 / seconds / 1e6;
        lastTx[id] = tx;
        lastRx[id] = rx;
        var health = link.health();
        // Loss: the share of heartbeats unanswered over the last 10 s or so, the figure grading uses.
        return String.format(Locale.ROOT, "%s link %-28s %-8s rtt %7.2f ms  loss %5.1f%%  tx %8.2f Mbit/s  rx %8.2f Mbit/s"
                        + "  capacity %8.2f Mbit/s  delivered %8.2f Mbit/s  queue in %6.2f ms  jitter in %5.2f ms"
                        + "  score %5.2f  heartbeat %5d ms",
                role, link.name(), health.state(now).label(), health.smoothedRttNanos() / 1e6,
                health.recentLoss() * 100, txMbit, rxMbit, link.capacity().capacityBps() / 1e6, link.capacity().deliveryBps() / 1e6,
                link.inbound().queueNanos() / 1e6, link.inbound().variationNanos() / 1e6,
                health.score(), health.heartbeatIntervalNanos() / 1_000_000);
    }

    private String fecLine(Session session) {
        var fec = session == null ? null : session.fec();
        return String.format(Locale.ROOT, "%s fec recovered %d unrecoverable %d parity_received %d | parity_sent %d parity_bytes %d | peer_loss_ppm %d",
                role, fec == null ? 0 : fec.recovered(), fec == null ? 0 : fec.unrecoverable(),
                fec == null ? 0 : fec.parityReceived(), counters.parityPackets.get(), counters.parityBytes.get(),
                session == null ? 0 : session.peerLossPpm());
    }

    private String tunnelLine(Session session) {
        ReorderBuffer reorder = session == null ? null : session.reorder();
        return String.format(Locale.ROOT,
                "%s tunnel tun_in %d tun_out %d handshakes %d | reorder wait_ms %d waiting %d late %d lost %d timeouts %d"
                        + " | nacks_sent %d resent %d"
                        + " | tun_drops no_link %d no_peer %d aqm %d queue_full %d tun_write %d internal %d"
                        + " | drops total %d%s",
                role, counters.tunIn.get(), counters.tunOut.get(), session == null ? 0 : session.keys().handshakes(),
                reorder == null ? 0 : reorder.timeoutNanos() / 1_000_000, reorder == null ? 0 : reorder.waiting(), reorder == null ? 0 : reorder.late() + reorder.duplicates(),
                reorder == null ? 0 : reorder.lost(), reorder == null ? 0 : reorder.timeouts(),
                counters.nacksSent.get(), counters.resentPackets.get(),
                counters.noLinkDrops.get(), counters.noPeerDrops.get(), counters.sendQueueAqmDrops.get(),
                counters.sendQueueFullDrops.get(), counters.tunWriteErrors.get(),
                counters.internalErrors.get(), counters.totalDrops(), dropsByReason());
    }

    private String dropsByReason() {
        StringBuilder text = new StringBuilder();
        for (DropReason reason : DropReason.values()) {
            text.append(' ').append(reason.label()).append(' ').append(counters.drops(reason));
        }
        return text.toString();
    }
}
