package dev.chainlightning.cli;

import dev.chainlightning.engine.StatusSnapshot;
import dev.chainlightning.engine.StatusSnapshot.LinkStatus;
import java.util.Locale;

/**
 * The table {@code chainlightning status} prints: one line per link (state, RTT, loss, capacity,
 * tx and rx rate since the previous snapshot, and each link's share of what was sent), then the
 * tunnel's counters. Rates need two snapshots; with only one they show as "-".
 */
final class StatusTable {
    private StatusTable() {
    }

    static String render(StatusSnapshot previous, StatusSnapshot now) {
        double seconds = previous == null ? 0 : (now.uptimeMillis() - previous.uptimeMillis()) / 1000.0;
        long sentSince = 0;
        for (LinkStatus link : now.links()) {
            sentSince += link.txBytes() - before(previous, link).txBytes();
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "chainlightning %s, session %s, up %s, %d handshakes%n", now.role(),
                now.session() == null ? "none yet" : now.session(), uptime(now.uptimeMillis()), now.handshakes()));
        text.append(String.format(Locale.ROOT, "%-24s %-9s %9s %9s %6s %12s %12s %12s %6s%n", "link", "state", "rtt ms",
                "min ms", "loss", "capacity", "tx", "rx", "share"));
        for (LinkStatus link : now.links()) {
            LinkStatus old = before(previous, link);
            String tx = seconds > 0 ? mbit((link.txBytes() - old.txBytes()) * 8 / seconds) : "-";
            String rx = seconds > 0 ? mbit((link.rxBytes() - old.rxBytes()) * 8 / seconds) : "-";
            String share = seconds > 0 && sentSince > 0
                    ? String.format(Locale.ROOT, "%5.1f%%", 100.0 * (link.txBytes() - old.txBytes()) / sentSince) : "-";
            text.append(String.format(Locale.ROOT, "%-24s %-9s %9.1f %9.1f %5.1f%% %12s %12s %12s %6s%n", link.name(),
                    link.state(), link.rttMillis(), link.minRttMillis(), link.lossRatio() * 100,
                    mbit(link.capacityBitsPerSecond()), tx, rx, share));
        }
        text.append(String.format(Locale.ROOT, "tun in %d, tun out %d, dropped datagrams %d%n", now.tunIn(), now.tunOut(),
                now.drops()));
        return text.toString();
    }

    /** The link in the previous snapshot, or an empty one when it is new (or there is none). */
    private static LinkStatus before(StatusSnapshot previous, LinkStatus link) {
        if (previous != null) {
            for (LinkStatus old : previous.links()) {
                if (old.id() == link.id()) {
                    return old;
                }
            }
        }
        return new LinkStatus(link.id(), link.name(), "", 0, 0, 0, 0, link.txBytes(), link.rxBytes(), null);
    }

    private static String mbit(double bitsPerSecond) {
        return String.format(Locale.ROOT, "%.2f Mbit/s", bitsPerSecond / 1e6);
    }

    private static String uptime(long millis) {
        long s = millis / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
