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
     * One BBR flow, named rather than left to the machine's default, measured over its second
     * 8 seconds (iperf3 omits the first 8 from its report). A fresh flow's first seconds are TCP's
     * start-up, not delivery alignment: CUBIC's slow start through these 80-130 ms round trips
     * loses a burst once and then needs most of an 8 s run to regrow its window (48-66 Mbit/s
     * here), and each new flow starts over, so the warm-up flow before a separate measured one
     * (the design before) left the measured one cold. docs/BENCHMARKS.md has both controls.
     */
    private static final List<String> BBR_SECOND_HALF = List.of("-C", "bbr", "-O", "8");

    /**
     * A floor, not the goal (issue 4 wants 90% here; docs/BENCHMARKS.md has what the tunnel gets,
     * about 75-85% with BBR). Before delivery alignment a single flow got 40-55%: TCP read the
     * far link's delay as a queue. The floor sits between the two, so it catches a return to that,
     * and checks that rates are measured (estimates start at 10 Mbit/s) and every link is used.
     */
    @Test
    void aSingleFlowCrossesLinksOfDifferentDelaysWithoutConfiguredRates() throws Exception {
        double down = Iperf.run(bed, dir, "down", 8, true, BBR_SECOND_HALF).receivedMbit();
        System.out.printf("single BBR download over 20/30/50 Mbit/s at 10/30/60 ms, seconds 8-16: %.1f Mbit/s%n", down);
        assertThat(down).as("download goodput, Mbit/s of a 100 Mbit/s link sum; the server's last lines:%n%s",
                        lastLines(tunnel.log("server"), 8))
                .isGreaterThan(THRESHOLD);
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

    /** The end of a log: its statistics lines say what each link's estimate and share were. */
    private static String lastLines(String log, int count) {
        List<String> lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
