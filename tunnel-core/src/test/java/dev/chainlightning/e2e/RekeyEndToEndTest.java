package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TunnelOnTestBed;
import org.junit.jupiter.api.Test;

/**
 * Session keys replaced every 2 s (instead of the default 120 s) under a steady stream: old and
 * new keys overlap, so no packet is lost to a rekey. What would show a rekey's loss is a datagram
 * refused for its keys (unknown key index, failed tag, replay) at either end: none may be. FEC is
 * off; resending stays on as in the product, because on this 2-core machine a packet now and then
 * arrives after the reorder buffer gave up on it, rekey or not (1-2 in 20,000 in about one run of
 * three with resending off, with no datagram refused).
 */
@NeedsRoot
class RekeyEndToEndTest extends ThreeLinkStreamTest {
    @Test
    void keysAreReplacedUnderLoadWithoutLosingAPacket() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("rekey"), "", RATES, "fec_repair_packets = 0",
                "rekey_after_seconds = 2");
        Iperf.udp(bed, dir, "rekey-warmup", 2, 20); // a fresh JVM drops a little while the JIT compiles the packet path
        long before = tunnel.tunnelCounters("server").getOrDefault("handshakes", 0L);
        Iperf.UdpResult result = Iperf.udp(bed, dir, "rekey", 10, 20);
        Thread.sleep(1500); // a fresh stats line
        long handshakes = tunnel.tunnelCounters("server").getOrDefault("handshakes", 0L) - before;

        assertThat(handshakes).as("handshakes during the 10 s stream").isGreaterThanOrEqualTo(4);
        assertThat(result.lost()).as("packets lost (%s)", result).isZero();
        assertThat(tunnel.tunnelCounters("server").get("drop_total")).as("datagrams the server dropped").isZero();
        assertThat(tunnel.tunnelCounters("client").get("drop_total")).as("datagrams the client dropped").isZero();
    }
}
