package dev.chainlightning.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * What carries the benchmark's traffic over the test bed's links, and how to reach the far end
 * through it: the tunnel (iperf3 and pings to the server's tunnel address) or kernel MPTCP
 * (iperf3 under {@code mptcpize run} to the server's real address; the client binds link 0's
 * address for the first subflow, because the client namespace has no default route).
 */
public record Contender(String name, String serverIp, String clientBind, boolean mptcp, String pingTarget,
        List<String> pingSources) {

    /** Pings at this total rate (per packet size), whatever the number of ping processes. */
    static final double PING_INTERVAL_S = 0.02;

    public static Contender tunnel() {
        return new Contender("chainlightning", TunnelOnTestBed.SERVER_TUN_IP, null, false,
                TunnelOnTestBed.SERVER_TUN_IP, java.util.Collections.singletonList(null));
    }

    /**
     * MPTCP's subflows each take their own link, so one ping stream per link (from that link's
     * address to the server) sees every link's queue; their samples are pooled.
     */
    public static Contender mptcp(TestBed bed) {
        return new Contender("mptcp", bed.serverIp(), bed.clientLinkIp(0), true, bed.serverIp(), bed.clientSourceIps());
    }

    /** One probe per ping source, together {@code 1 / PING_INTERVAL_S} pings a second. */
    public List<PingProbe> probes(int payloadBytes) {
        List<PingProbe> probes = new ArrayList<>();
        for (String source : pingSources) {
            probes.add(new PingProbe(pingTarget, source, payloadBytes, PING_INTERVAL_S * pingSources.size()));
        }
        return probes;
    }

    /** The command as it must run: under {@code mptcpize run} for MPTCP. */
    List<String> wrap(List<String> cmd) {
        return mptcp ? Mptcp.wrap(cmd) : cmd;
    }
}
