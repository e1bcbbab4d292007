package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TunnelOnTestBed;
import org.junit.jupiter.api.Test;

/**
 * Session keys replaced every 2 s (instead of the default 120 s) under a steady stream: old and
 * new keys overlap, so no packet is lost to a rekey. FEC and resending are off, so nothing could
 * hide a packet a rekey dropped. Needs root; on CI it always runs.
 */
@NeedsRoot
class RekeyEndToEndTest extends ThreeLinkStreamTest {
    @Test
    void keysAreReplacedUnderLoadWithoutLosingAPacket() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("rekey"), "", RATES, "fec_repair_packets = 0\nresend_lost = false",
                "rekey_after_seconds = 2");
        Iperf.udp(bed, dir, "rekey-warmup", 2, 20); // a fresh JVM drops a little while the JIT compiles the packet path
        long before = tunnel.tunnelCounters("server").getOrDefault("handshakes", 0L);
        Iperf.UdpResult result = Iperf.udp(bed, dir, "rekey", 10, 20);
        Thread.sleep(1500); // a fresh stats line
        long handshakes = tunnel.tunnelCounters("server").getOrDefault("handshakes", 0L) - before;

        assertThat(handshakes).as("handshakes during the 10 s stream").isGreaterThanOrEqualTo(4);
        assertThat(result.lost()).as("packets lost (%s)", result).isZero();
        assertThat(tunnel.tunnelCounters("server").get("drop_total")).as("datagrams the server dropped").isZero();
    }
}
