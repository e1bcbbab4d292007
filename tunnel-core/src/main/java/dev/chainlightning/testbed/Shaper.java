package dev.chainlightning.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * tc commands for the per-link rate limits on the wan namespace's egress (behind the routing hop,
 * so a full queue drops packets like a real WAN instead of back-pressuring the sender's socket).
 *
 * <p>Each limit is an HTB leaf class with rate = ceil = the link rate and a pfifo leaf queue of
 * about {@value #QUEUE_MS} ms of the link's rate in full-size frames, at least
 * {@value #MIN_QUEUE_PACKETS} packets (20 Mbit/s: 83, 30: 124, 50: 207 packets).
 *
 * <p>Burst: HTB refills tokens at most up to burst; when the watchdog timer fires late, tokens
 * beyond burst are lost and the class falls short of its rate. So burst covers
 * {@value #BURST_MS} ms of the rate, and never less than a few full frames.
 * Quantum only splits borrowed bandwidth between siblings, which never happens here (ceil = rate,
 * no parent class), but tc derives it as rate/r2q and warns outside 1000..200000 bytes, so it is
 * set explicitly.
 */
final class Shaper {

    static final int UP_ROOT = 1;
    static final int QUEUE_MS = 50;
    static final int MIN_QUEUE_PACKETS = 20;
    static final int BURST_MS = 10;
    static final int FRAME_BYTES = 1514;
    static final int QUANTUM = 60_000;
    private static final String DOWN_CLASS = "1:1";

    private Shaper() {
    }

    /** Hex minor of link i's upload class under the server-facing veth's root "1:". */
    static String upClassMinor(int link) {
        return Integer.toHexString(0x10 + link);
    }

    static String upClassId(int link) {
        return UP_ROOT + ":" + upClassMinor(link);
    }

    static String downClassId() {
        return DOWN_CLASS;
    }

    /** Root HTB on the server-facing veth; unclassified packets (ARP, the wan's own) pass unshaped. */
    static List<List<String>> upRoot(String ns, String dev) {
        return List.of(tc(ns, "qdisc", "add", "dev", dev, "root", "handle", UP_ROOT + ":", "htb"));
    }

    static List<List<String>> upClass(String ns, String dev, int link, double mbit) {
        return leaf(ns, dev, upClassId(link), Integer.toHexString(0x100 + link) + ":", mbit);
    }

    /** Download limit: the wan side of the link's veth, everything leaving it goes to the client. */
    static List<List<String>> down(String ns, String dev, double mbit) {
        List<List<String>> cmds = new ArrayList<>();
        cmds.add(tc(ns, "qdisc", "add", "dev", dev, "root", "handle", "1:", "htb", "default", "1"));
        cmds.addAll(leaf(ns, dev, DOWN_CLASS, "10:", mbit));
        return cmds;
    }

    private static List<List<String>> leaf(String ns, String dev, String classId, String leafHandle, double mbit) {
        String rate = kbit(mbit);
        String burst = Long.toString(burstBytes(mbit));
        return List.of(
                tc(ns, "class", "add", "dev", dev, "parent", "1:", "classid", classId, "htb",
                        "rate", rate, "ceil", rate, "burst", burst, "cburst", burst,
                        "quantum", Integer.toString(QUANTUM)),
                tc(ns, "qdisc", "add", "dev", dev, "parent", classId, "handle", leafHandle,
                        "pfifo", "limit", Integer.toString(queuePackets(mbit))));
    }

    static int queuePackets(double mbit) {
        double bytes = mbit * 1e6 / 8 * QUEUE_MS / 1000.0;
        return Math.max(MIN_QUEUE_PACKETS, (int) Math.ceil(bytes / FRAME_BYTES));
    }

    static long burstBytes(double mbit) {
        long bytes = (long) Math.ceil(mbit * 1e6 / 8 * BURST_MS / 1000.0);
        return Math.max(4L * FRAME_BYTES, bytes);
    }

    private static String kbit(double mbit) {
        return Math.round(mbit * 1000) + "kbit";
    }

    private static List<String> tc(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("tc", "-n", ns));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
