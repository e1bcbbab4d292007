package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.PacketCapture;
import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tunnel with {@code obfuscate = true}, as an observer on the path sees it: handshake, data,
 * heartbeats, all with no header byte that stays constant and sizes that vary, and a stream that
 * still goes through. Needs root (and tcpdump); on CI it always runs.
 */
@NeedsRoot
class ObfuscationEndToEndTest extends ThreeLinkStreamTest {
    @Test
    void onTheWireNoHeaderByteIsConstantAndTheTunnelWorks() throws Exception {
        PacketCapture capture = PacketCapture.start(bed, bed.serverNs(), "udp and dst portrange 9001-9005",
                dir.resolve("obfuscated.pcap"));
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("obfuscated"), "", RATES, "", "obfuscate = true");
        Iperf.UdpResult stream = Iperf.udp(bed, dir, "obfuscated-stream", 3, 10);
        List<UdpDatagram> seen = capture.stop();

        assertThat(stream.lostPercent()).as("stream loss (%s)", stream).isLessThan(1.0);
        assertThat(seen).as("datagrams to the server").hasSizeGreaterThan(1000);
        for (int i = 0; i < 16; i++) {
            Set<Byte> values = new HashSet<>();
            for (UdpDatagram d : seen) {
                values.add(d.payload()[i]);
            }
            assertThat(values).as("values of byte %d on the wire", i).hasSizeGreaterThan(200);
        }
        // The stream's packets are all 1200 bytes inside; on the wire their sizes spread over the padding.
        Set<Integer> sizes = new HashSet<>();
        for (UdpDatagram d : seen) {
            sizes.add(d.payload().length);
        }
        assertThat(sizes).as("distinct datagram sizes").hasSizeGreaterThan(40);
        assertThat(tunnel.tunnelCounters("server").get("drop_total")).as("datagrams the server dropped").isZero();
    }
}
