package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.CommandResult;
import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.TunnelOnTestBed;
import dev.chainlightning.testbed.emu.EmulationProfile;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Links that differ, on the link emulator: 20, 30 and 50 Mbit/s with one-way delays of 10, 30
 * and 60 ms, and no configured rates, so the tunnel has to measure them. Needs root; on CI it
 * always runs.
 */
@NeedsRoot
class UnequalLinksEndToEndTest extends EmulatedBondTest {
    private static final Pattern RECEIVED = Pattern.compile("capacity\\s+([0-9.]+) Mbit/s");

    @BeforeAll
    static void start() throws Exception {
        startBond("unequal", List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50)),
                List.of(EmulationProfile.fixed(20, 10), EmulationProfile.fixed(30, 30), EmulationProfile.fixed(50, 60)));
    }

    /**
     * A floor, not the goal (issue 4 wants 90% here; docs/BENCHMARKS.md has what the tunnel gets,
     * about 70-85% with BBR). Before delivery alignment a single flow got 40-55%: TCP read the
     * far link's delay as a queue. The floor sits between the two, so it catches a return to that,
     * and checks that rates are measured (estimates start at 10 Mbit/s) and every link is used.
     */
    @Test
    void aSingleFlowCrossesLinksOfDifferentDelaysWithoutConfiguredRates() throws Exception {
        // Links are paced at their estimates, which start at 10 Mbit/s: a flow on a tunnel that has
        // not carried traffic yet is slower for its first seconds (docs/BENCHMARKS.md, "Pacing and the
        // send queue"). This test is about delivery alignment, so it measures once the estimates
        // have had a transfer long enough to settle; after a 4 s warm-up one run in four got 46.
        Iperf.run(bed, dir, "warmup", 10, true);
        double down = Iperf.run(bed, dir, "down", 8, true).receivedMbit();
        assertThat(down).as("download goodput, Mbit/s of a 100 Mbit/s link sum").isGreaterThan(THRESHOLD);
        Matcher capacity = RECEIVED.matcher(tunnel.log("server"));
        int links = 0;
        while (capacity.find()) {
            links++;
        }
        assertThat(links).as("capacity figures in the server's statistics").isGreaterThanOrEqualTo(3);
    }

    @Test
    void theNearLinkCarriesPingsAndTheWaitFollowsTheDelaySpread() throws Exception {
        CommandResult ping = bed.exec(bed.clientNs(), "ping", "-c", "10", "-i", "0.2", TunnelOnTestBed.SERVER_TUN_IP);
        Matcher m = Pattern.compile("= [0-9.]+/([0-9.]+)/").matcher(ping.stdout());
        assertThat(m.find()).as(ping.stdout()).isTrue();
        // Idle, each ping takes the link where it arrives first: the 10 ms one (20 ms round trip).
        assertThat(Double.parseDouble(m.group(1))).as("average ping RTT through the tunnel, ms").isBetween(19.0, 30.0);
        // The reorder wait covers the 50 ms spread between the near and the far link, no more than the bound.
        long wait = tunnel.tunnelCounters("server").get("reorder_wait_ms");
        assertThat(wait).isBetween(100L, 250L);
    }

    private static final double THRESHOLD = 55;
}
