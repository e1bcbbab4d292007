package dev.chainlightning.testbed;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel MPTCP on a {@link TestBed}, as the comparison for the tunnel: the client gets one
 * {@code subflow} endpoint per link address, so for every connection the in-kernel path manager
 * opens a subflow from each link's address; the test bed's source-based policy routing then sends
 * each subflow out of its own link (a subflow bound to 10.10.i.2 matches the rule
 * {@code from 10.10.i.2 lookup 10i}). Both ends allow up to 8 subflows per connection. The server
 * needs no endpoint: it has one address and only accepts the joins.
 * Applications get MPTCP sockets through {@code mptcpize run}, which rewrites their TCP sockets.
 */
public final class Mptcp {

    static final int MAX_SUBFLOWS = 8;
    /** Client-side count of joins answered by the server (SYN/ACK with MP_JOIN received). */
    static final String JOINS = "MPTcpExtMPJoinSynAckRx";
    /** Client-side count of connections the server accepted as MPTCP (not fallen back to TCP). */
    static final String CAPABLE = "MPTcpExtMPCapableSYNACKRX";

    private Mptcp() {
    }

    public static boolean available() {
        return Shell.which("mptcpize").isPresent();
    }

    /** Limits on both ends and one subflow endpoint per client link address. */
    public static void enable(TestBed bed) throws IOException {
        for (String ns : List.of(bed.clientNs(), bed.serverNs())) {
            bed.execOrThrow(ns, "sysctl", "-q", "-w", "net.mptcp.enabled=1");
            bed.execOrThrow(ns, "ip", "mptcp", "limits", "set", "subflow", Integer.toString(MAX_SUBFLOWS),
                    "add_addr_accepted", Integer.toString(MAX_SUBFLOWS));
        }
        segmentAtMtu(bed);
        bed.execOrThrow(bed.clientNs(), "ip", "mptcp", "endpoint", "flush");
        for (int i = 0; i < bed.linkCount(); i++) {
            bed.execOrThrow(bed.clientNs(), "ip", "mptcp", "endpoint", "add", bed.clientLinkIp(i),
                    "dev", bed.clientLinkDev(i), "subflow");
        }
    }

    /**
     * Turns off segmentation and receive offloads on every veth MPTCP's packets cross outside the
     * emulators. With them on, a TCP sender hands the veth 64 KB super-packets that stay whole up
     * to the wan namespace's htb leaves, whose pfifo queues count packets: a queue sized for 50 ms
     * of 1514-byte frames then holds seconds of data (pings over link 0 saw 600 ms). The tunnel's
     * UDP datagrams never come as super-packets, so only this makes the two compare on the same
     * queues. (Emulated links already have offloads off on their client and wan veths.)
     */
    private static void segmentAtMtu(TestBed bed) throws IOException {
        for (int i = 0; i < bed.linkCount(); i++) {
            offloadsOff(bed, bed.clientNs(), bed.clientLinkDev(i));
            offloadsOff(bed, bed.wanNs(), bed.wanLinkDev(i));
        }
        offloadsOff(bed, bed.wanNs(), TestBed.WAN_SERVER_DEV);
        offloadsOff(bed, bed.serverNs(), TestBed.SERVER_DEV);
    }

    private static void offloadsOff(TestBed bed, String ns, String dev) throws IOException {
        bed.execOrThrow(ns, "ethtool", "-K", dev, "tso", "off", "gso", "off", "gro", "off");
    }

    /** Wraps a command so its TCP sockets are MPTCP sockets. */
    public static List<String> wrap(List<String> cmd) {
        List<String> wrapped = new java.util.ArrayList<>(List.of("mptcpize", "run"));
        wrapped.addAll(cmd);
        return wrapped;
    }

    /** The client namespace's MPTCP counters (from /proc/net/netstat), by name. */
    public static Map<String, Long> clientCounters(TestBed bed) throws IOException {
        return netstat(bed.execOrThrow(bed.clientNs(), "cat", "/proc/net/netstat").stdout());
    }

    /**
     * Parses /proc/net/netstat: pairs of lines, a header {@code Prefix: Name1 Name2 ...} and then
     * {@code Prefix: v1 v2 ...}; counters are named Prefix+Name, as nstat names them.
     */
    static Map<String, Long> netstat(String text) {
        Map<String, Long> counters = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split("\\s+");
            String[] values = lines[i + 1].trim().split("\\s+");
            if (names.length != values.length || names.length < 2 || !names[0].equals(values[0])) {
                throw new IllegalArgumentException("not a netstat header and value line pair: " + lines[i]);
            }
            String prefix = names[0].substring(0, names[0].length() - 1);
            for (int k = 1; k < names.length; k++) {
                counters.put(prefix + names[k], Long.parseLong(values[k]));
            }
        }
        return counters;
    }
}
