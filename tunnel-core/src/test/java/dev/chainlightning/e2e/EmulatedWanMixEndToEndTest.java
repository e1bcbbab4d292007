package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.LinkDowntime;
import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.TunnelOnTestBed;
import dev.chainlightning.testbed.emu.EmulationProfile;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The links users actually bond, on the link emulator (docs/LINK-EMULATOR.md): starlink (jitter,
 * rate changes and a 150 ms outage every 15 s), adsl (asymmetric) and lte (variable delay, bursty
 * loss), with no configured rates. Needs root; on CI it always runs.
 */
@NeedsRoot
class EmulatedWanMixEndToEndTest extends EmulatedBondTest {
    private static final int STARLINK = 0;
    private static final int LTE = 2;

    @BeforeAll
    static void start() throws Exception {
        startBond("wan-mix", List.of(new LinkSpec(100, 100), new LinkSpec(100, 100), new LinkSpec(100, 100)),
                List.of(EmulationProfile.named("starlink"), EmulationProfile.named("adsl"), EmulationProfile.named("lte")));
    }

    /**
     * Download sum of the three: 100 + 16 + 30 = 146 Mbit/s (starlink at full rate). The tunnel
     * carries 20-60 Mbit/s of that here, varying from run to run (docs/BENCHMARKS.md: capacity
     * estimates on jittery links with changing rates are the weak spot); the floor only catches a
     * bond that stalls, and the byte counts that it is a bond: at least two links carry a real share.
     */
    @Test
    void oneFlowUsesTheMixAndStarlinksShortOutagesDoNotTakeItDown() throws Exception {
        Iperf.run(bed, dir, "mix-warmup", 3, true);
        long[] before = downBytes();
        double down = Iperf.run(bed, dir, "mix-down", 12, true).receivedMbit();
        long[] after = downBytes();
        assertThat(down).as("download goodput, Mbit/s").isGreaterThan(MIX_FLOOR_MBIT);
        long total = 0;
        for (int i = 0; i < 3; i++) {
            total += after[i] - before[i];
        }
        int carrying = 0;
        for (int i = 0; i < 3; i++) {
            carrying += after[i] - before[i] > total / 10 ? 1 : 0;
        }
        assertThat(carrying).as("links that carried over a tenth of the bytes").isGreaterThanOrEqualTo(2);
        // Its outages last 150 ms, half of the 300 ms it takes to call a link down. Under this load
        // its answers queue 20-60 ms behind the download, so an outage can still swallow three
        // heartbeats or their answers; the link must then be back at the first answer after it.
        assertThat(LinkDowntime.longest(tunnel.log("client"), "10.10.0.2#0"))
                .as("longest time the Starlink link was down; the client's log:%n%s", tunnel.log("client").lines()
                        .filter(line -> line.contains(" INFO ")).collect(java.util.stream.Collectors.joining("\n")))
                .isLessThan(java.time.Duration.ofMillis(STARLINK_BACK_WITHIN_MS));
    }

    private static long[] downBytes() throws java.io.IOException {
        long[] bytes = new long[3];
        for (int i = 0; i < 3; i++) {
            bytes[i] = bed.wanBytes(i, TestBed.Direction.DOWN);
        }
        return bytes;
    }

    @Test
    void aCutLinkIsDetectedWithinThreeHeartbeatsAndCarriesAgainAfterItIsRestored() throws Exception {
        Iperf.Transfer flow = Iperf.Transfer.start(bed, dir, "cut-restore", 10, true, List.of());
        TimeUnit.SECONDS.sleep(3);
        bed.cutLink(LTE);
        TimeUnit.MILLISECONDS.sleep(1500);
        assertThat(tunnel.log("client")).contains("link 10.10.2.2#0 is down");
        bed.restoreLink(LTE);
        TimeUnit.MILLISECONDS.sleep(1500);
        long before = bed.wanBytes(LTE, TestBed.Direction.DOWN);
        TimeUnit.SECONDS.sleep(2);
        long carried = bed.wanBytes(LTE, TestBed.Direction.DOWN) - before;
        JsonNode report = flow.awaitReport();

        assertThat(tunnel.log("client")).contains("link 10.10.2.2#0 is up");
        // Heartbeats alone are about 2 KB in 2 s; a link back in the bond carries data again (it is
        // brought back gradually, and its share follows its re-measured capacity).
        assertThat(carried).as("bytes the restored LTE link carried downstream in 2 s").isGreaterThan(50_000L);
        // The mix's goodput varies 20-60 Mbit/s between runs (see the test above), so what shows that
        // the flow went on through the cut is that no second of it went without data.
        System.out.println("cut-restore, Mbit/s per second: " + Arrays.toString(Iperf.intervalMbits(report)));
        assertThat(Arrays.stream(Iperf.intervalMbits(report)).min().orElse(0))
                .as("the slowest second of the flow, Mbit/s (LTE cut at 3 s, restored at 4.5 s)").isGreaterThan(0.5);
    }

    private static final double MIX_FLOOR_MBIT = 10;
    /** An outage (150 ms) plus a heartbeat interval and a round trip under load. */
    private static final long STARLINK_BACK_WITHIN_MS = 400;
}
