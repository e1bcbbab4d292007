package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Forward error correction, for real: a constant-rate UDP stream through the tunnel over three
 * links, one of which drops 3% of its packets at random (nftables), with FEC off, fixed and
 * adaptive; and a link cut in the middle of a stream. Needs root; on CI it always runs.
 */
@NeedsRoot
class FecEndToEndTest extends ThreeLinkStreamTest {
    private static final int LOSSY_LINK = 2; // the 50 Mbit/s link: it carries half the packets
    /** These tests measure FEC alone: lost packets are not asked for again (LostPacketResendEndToEndTest does that). */
    private static final String NO_RESEND = "\nresend_lost = false";

    private Iperf.UdpResult streamWithLoss(String name, String fec) throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve(name), "", RATES, fec + NO_RESEND);
        bed.setLoss(LOSSY_LINK, 3);
        // Let the receiver's loss figure reach the sender (adaptive mode) before measuring.
        Iperf.udp(bed, dir, name + "-warmup", 2, 20);
        return Iperf.udp(bed, dir, name, 6, 20);
    }

    @Test
    void fecCutsTheLossInsideTheTunnelToUnderATenth() throws Exception {
        Iperf.UdpResult off = streamWithLoss("off", "fec_repair_packets = 0");
        tunnel.close();
        Iperf.UdpResult fixed = streamWithLoss("fixed", "fec_mode = \"fixed\"\nfec_repair_packets = 3");
        long recovered = tunnel.fecCounters("server").get("recovered");
        tunnel.close();
        Iperf.UdpResult adaptive = streamWithLoss("adaptive", "fec_mode = \"adaptive\"\nfec_repair_packets = 4");
        long peerLoss = tunnel.fecCounters("client").get("peer_loss_ppm");

        // Without FEC the tunnel passes the link's loss on: about 3% of the half that crosses it.
        assertThat(off.lostPercent()).as("inner loss without FEC, %% (%s)", off).isBetween(0.5, 3.0);
        assertThat(fixed.lostPercent()).as("inner loss with fixed FEC, %% (%s)", fixed).isLessThan(off.lostPercent() / 10);
        assertThat(adaptive.lostPercent()).as("inner loss with adaptive FEC, %% (%s)", adaptive).isLessThan(off.lostPercent() / 10);
        assertThat(recovered).as("packets the server rebuilt").isGreaterThan(50);
        assertThat(peerLoss).as("loss the server reported to the client, ppm").isBetween(5_000L, 40_000L);
    }

    @Test
    void aGroupWhoseDataCrossedALinkThatDiedIsRebuilt() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("cut"), "", RATES, "fec_mode = \"fixed\"\nfec_repair_packets = 3" + NO_RESEND);
        Iperf.udp(bed, dir, "cut-warmup", 2, 20); // a fresh JVM drops a little while the JIT compiles the packet path
        Callable<Iperf.UdpResult> stream = () -> Iperf.udp(bed, dir, "cut-stream", 6, 20);
        Future<Iperf.UdpResult> running = Executors.newSingleThreadExecutor().submit(stream);
        TimeUnit.SECONDS.sleep(3);
        long before = awaitFecCounter("recovered");
        bed.cutLink(0); // until heartbeats declare it down (~300 ms), its packets vanish
        Iperf.UdpResult result = running.get(60, TimeUnit.SECONDS);
        long rebuilt = awaitFecCounter("recovered") - before;

        assertThat(rebuilt).as("packets rebuilt after link 0 died").isGreaterThan(20);
        // Link 0 carried a fifth of 2000 packets/s for ~300 ms: about 120 lost without FEC (1% of the stream).
        assertThat(result.lostPercent()).as("inner loss (%s)", result).isLessThan(0.6);
        assertThat(tunnel.log("client")).contains("link 10.10.0.2#0 is down");
    }

    /** The server's latest FEC counter after its next statistics line (printed every second). */
    private long awaitFecCounter(String name) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(1100);
        return tunnel.fecCounters("server").getOrDefault(name, 0L);
    }
}
