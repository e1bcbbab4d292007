package dev.chainlightning.testbed;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tunnel counters of both ends at a moment when nothing is in flight: each end prints
 * its stats line once a second, and an end counts as settled once two consecutive fresh lines
 * agree on the counters that matter. Comparing deltas between the ends is only sound between two
 * such moments: a packet the client has read from TUN but the server not yet written would
 * otherwise fall into one end's window and not the other's.
 */
public final class SettledCounters {
    public static final List<String> KEYS = List.of("tun_in", "tun_out", "drop_total");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private SettledCounters() {
    }

    /** The settled counters of each role ("server", "client"); fails when they keep moving. */
    public static Map<String, Map<String, Long>> await(TunnelOnTestBed tunnel, String... roles) throws IOException {
        Map<String, Integer> seenLines = new HashMap<>();
        Map<String, Map<String, Long>> previous = new HashMap<>();
        Map<String, Map<String, Long>> settled = new HashMap<>();
        for (String role : roles) {
            seenLines.put(role, statsLines(tunnel, role));
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (settled.size() < roles.length) {
            if (System.nanoTime() > deadline) {
                throw new IOException("tunnel counters did not settle within " + TIMEOUT + ": " + previous);
            }
            TestBed.sleep(100);
            for (String role : roles) {
                int lines = statsLines(tunnel, role);
                if (settled.containsKey(role) || lines == seenLines.get(role)) {
                    continue;
                }
                seenLines.put(role, lines);
                Map<String, Long> now = tunnel.tunnelCounters(role);
                Map<String, Long> before = previous.put(role, now);
                if (before != null && KEYS.stream().allMatch(k -> now.get(k) != null && now.get(k).equals(before.get(k)))) {
                    settled.put(role, now);
                }
            }
        }
        return settled;
    }

    private static int statsLines(TunnelOnTestBed tunnel, String role) {
        return (int) tunnel.log(role).lines().filter(l -> l.startsWith(role + " tunnel ")).count();
    }


}
