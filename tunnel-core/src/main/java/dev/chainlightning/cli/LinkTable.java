package dev.chainlightning.cli;

import dev.chainlightning.testbed.LinkSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's live per-link table: rate measured on the emulated WAN link, and state and RTT as the
 * client's own statistics report them. On a terminal it redraws in place; otherwise it appends.
 */
final class LinkTable {
    private static final Pattern CLIENT_LINK = Pattern.compile("^client link (\\S+)\\s+(up|degraded|down)\\s+rtt\\s+([0-9.]+) ms\\s+loss\\s+([0-9.]+)%", Pattern.MULTILINE);

    private final PrintStream out;
    private final boolean redraw;
    private final List<LinkSpec> links;
    private boolean drawn;

    LinkTable(PrintStream out, boolean redraw, List<LinkSpec> links) {
        this.out = out;
        this.redraw = redraw;
        this.links = links;
    }

    void show(long[] bytes, long[] previous, double seconds, String clientLog) {
        String[][] status = latestStatus(clientLog);
        double total = 0;
        double[] mbit = new double[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            mbit[i] = (bytes[i] - previous[i]) * 8 / seconds / 1e6;
            total += mbit[i];
        }
        StringBuilder text = new StringBuilder();
        if (redraw && drawn) {
            text.append("\033[").append(links.size() + 2).append("F"); // cursor up to the table's first line
        }
        text.append(String.format(Locale.ROOT, "  %-12s %-8s %9s %7s %12s %10s %7s%n", "link", "state", "rtt", "loss", "rate", "capacity", "share"));
        for (int i = 0; i < bytes.length; i++) {
            text.append(String.format(Locale.ROOT, "  %-12s %-8s %6s ms %6s%% %7.1f Mbit %5.0f Mbit %6.1f%%\033[K%n",
                    "10.10." + i + ".2", status[i][0], status[i][1], status[i][2], mbit[i], links.get(i).upMbit(),
                    total > 0 ? 100 * mbit[i] / total : 0));
        }
        text.append(String.format(Locale.ROOT, "  %-12s %-8s %9s %7s %7.1f Mbit %5.0f Mbit %6.1f%%\033[K%n", "total", "", "", "", total,
                links.stream().mapToDouble(LinkSpec::upMbit).sum(), 100.0));
        out.print(redraw ? text : text.toString().replace("\033[K", ""));
        out.flush();
        drawn = true;
    }

    /** State, RTT and loss of each link from the client's most recent statistics lines. */
    private String[][] latestStatus(String clientLog) {
        String[][] status = new String[links.size()][];
        for (int i = 0; i < status.length; i++) {
            status[i] = new String[] {"?", "-", "-"};
        }
        Matcher m = CLIENT_LINK.matcher(clientLog);
        while (m.find()) {
            String source = m.group(1);
            for (int i = 0; i < status.length; i++) {
                if (source.startsWith("10.10." + i + ".2#")) {
                    status[i] = new String[] {m.group(2), m.group(3), m.group(4)};
                }
            }
        }
        return status;
    }
}
