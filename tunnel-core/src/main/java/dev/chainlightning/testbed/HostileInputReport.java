package dev.chainlightning.testbed;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one hostile-input run measured: what the fuzzer sent per kind, the tunnel counters of both
 * ends before and after (each read while nothing was in flight), the kernel's UDP drops in the
 * server namespace, the real flow's result, and whether the server still works.
 *
 * @param kernelDrops datagrams the server namespace's kernel dropped (Udp InErrors, which includes
 *                    RcvbufErrors) over the window: they never reached the tunnel, so they are not
 *                    in its drop counters
 */
public record HostileInputReport(
        int capturedPackets,
        FuzzTally fuzz,
        Map<String, Long> serverBefore,
        Map<String, Long> serverAfter,
        Map<String, Long> clientBefore,
        Map<String, Long> clientAfter,
        long kernelDrops,
        long kernelRcvbufErrors,
        Iperf.UdpResult flow,
        double flowMbit,
        boolean serverAlive,
        boolean pingAfter,
        long serverRssBeforeKb,
        long serverRssAfterKb,
        long serverHeapBeforeKb,
        long serverHeapAfterKb) {

    public long serverDelta(String key) {
        return serverAfter.getOrDefault(key, 0L) - serverBefore.getOrDefault(key, 0L);
    }

    public long clientDelta(String key) {
        return clientAfter.getOrDefault(key, 0L) - clientBefore.getOrDefault(key, 0L);
    }

    /** Drops the server counted over the window. */
    public long drops() {
        return serverDelta("drop_total");
    }

    /** Every fuzz datagram that reached the tunnel's receiver must be dropped. */
    public long expectedDrops() {
        return fuzz.total() - kernelDrops;
    }

    /** The server's drops over the window by reason (without the total), only those that moved. */
    public Map<String, Long> dropsByReason() {
        Map<String, Long> reasons = new TreeMap<>();
        for (String key : serverAfter.keySet()) {
            if (key.startsWith("drop_") && !key.equals("drop_total") && serverDelta(key) != 0) {
                reasons.put(key.substring("drop_".length()), serverDelta(key));
            }
        }
        return reasons;
    }

    /** Packets the server wrote to TUN beyond what the client read from its TUN: fuzz that got through. */
    public long surplusAtServerTun() {
        return serverDelta("tun_out") - clientDelta("tun_in");
    }

    public String format() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%-22s %12s%n", "fuzz kind", "sent"));
        for (FuzzKind kind : FuzzKind.values()) {
            t.append(String.format(Locale.ROOT, "%-22s %12d%s%n", kind.name().toLowerCase(Locale.ROOT), fuzz.sent(kind),
                    kind.isReplay() ? "  (genuine packets sent again)" : ""));
        }
        t.append(String.format(Locale.ROOT, "%-22s %12d  in %.1f s (%.0f/s), %d send errors%n", "total", fuzz.total(),
                fuzz.seconds(), fuzz.total() / Math.max(1e-9, fuzz.seconds()), fuzz.sendErrors()));
        t.append(String.format(Locale.ROOT, "%n%-22s %12s%n", "server drop reason", "count"));
        dropsByReason().forEach((reason, n) -> t.append(String.format(Locale.ROOT, "%-22s %12d%n", reason, n)));
        t.append(String.format(Locale.ROOT, "%-22s %12d%n", "total", drops()));
        t.append(String.format(Locale.ROOT, "%n%-40s %d (of which rcvbuf %d)%n", "kernel UDP drops in server namespace",
                kernelDrops, kernelRcvbufErrors));
        t.append(String.format(Locale.ROOT, "%-40s %d (sent %d - kernel drops %d - drops %d)%n",
                "fuzz datagrams not counted as drops", expectedDrops() - drops(), fuzz.total(), kernelDrops, drops()));
        t.append(String.format(Locale.ROOT, "%-40s client tun_in +%d, server tun_out +%d (surplus %d)%n", "packets to the server's TUN",
                clientDelta("tun_in"), serverDelta("tun_out"), surplusAtServerTun()));
        t.append(String.format(Locale.ROOT, "%-40s %.1f Mbit/s UDP: %d packets, %d lost (%.3f%%)%n", "flow through the tunnel",
                flowMbit, flow.packets(), flow.lost(), flow.lostPercent()));
        t.append(String.format(Locale.ROOT, "%-40s %s, ping through the tunnel %s%n", "server alive afterwards",
                serverAlive ? "yes" : "NO", pingAfter ? "ok" : "FAILED"));
        t.append(String.format(Locale.ROOT, "%-40s %d MB before the fuzz, %d MB after (JVM heap capped at 256 MB)%n",
                "server resident memory", serverRssBeforeKb / 1024, serverRssAfterKb / 1024));
        t.append(String.format(Locale.ROOT, "%-40s %d KB before the fuzz, %d KB after%n",
                "server heap in use after a full GC", serverHeapBeforeKb, serverHeapAfterKb));
        return t.toString();
    }
}
