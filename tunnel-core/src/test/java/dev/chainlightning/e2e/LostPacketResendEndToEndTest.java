package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lost packets asked for again (NACK), with FEC off so that nothing else repairs them: random loss
 * on one link, and a link cut in the middle of a stream. FecEndToEndTest runs the same streams
 * without resending, which pass the loss on. Needs root; on CI it always runs.
 */
@NeedsRoot
class LostPacketResendEndToEndTest extends ThreeLinkStreamTest {
    private static final String FEC_OFF = "fec_repair_packets = 0";

    @Test
    void randomLossOnALinkIsRepairedBySendingAgain() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("loss"), "", RATES, FEC_OFF);
        bed.setLoss(2, 3); // the 50 Mbit/s link carries about half: 1.5% of the stream
        Iperf.udp(bed, dir, "loss-warmup", 2, 20);
        Iperf.UdpResult result = Iperf.udp(bed, dir, "loss", 6, 20);
        long resent = tunnel.tunnelCounters("client").getOrDefault("resent", 0L);

        assertThat(result.lostPercent()).as("inner loss with 3%% loss on link 2 and no FEC (%s)", result).isLessThan(0.2);
        assertThat(resent).as("packets the client sent again").isGreaterThan(50);
    }

    @Test
    void aLinkDyingInTheMiddleOfAStreamLosesAlmostNothing() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("cut"), "", RATES, FEC_OFF);
        Iperf.udp(bed, dir, "cut-warmup", 2, 20); // a fresh JVM drops a little while the JIT compiles the packet path
        Future<Iperf.UdpResult> running = Executors.newSingleThreadExecutor().submit(() -> Iperf.udp(bed, dir, "cut", 6, 20));
        TimeUnit.SECONDS.sleep(3);
        bed.cutLink(0); // until heartbeats declare it down (~300 ms) its packets vanish, and are asked for again
        Iperf.UdpResult result = running.get(60, TimeUnit.SECONDS);

        // Without resending (and without FEC) this cut loses about 1% of the stream (FecEndToEndTest).
        assertThat(result.lostPercent()).as("inner loss (%s)", result).isLessThan(0.1);
        assertThat(tunnel.log("client")).contains("link 10.10.0.2#0 is down");
    }
}
