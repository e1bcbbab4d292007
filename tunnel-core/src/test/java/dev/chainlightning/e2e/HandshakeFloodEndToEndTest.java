package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TunnelOnTestBed;
import dev.chainlightning.testbed.InitiationFlood;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 20,000 handshake initiations a second for 10 s at the server's ports, each with a valid mac1
 * (the attacker knows the server's public key), while a stream runs through the tunnel and the
 * client renews its keys every 2 s. The server stays responsive: the stream goes on, and the
 * client's own handshakes still succeed (through cookies, which the flood's forged work never
 * earns). Needs root; on CI it always runs.
 */
@NeedsRoot
class HandshakeFloodEndToEndTest extends ThreeLinkStreamTest {
    private static final int RATE = 20_000;
    private static final int SECONDS = 10;

    @Test
    void aFloodOfInitiationsNeitherStopsTheStreamNorTheClientsHandshakes() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("flood"), "", RATES, "", "rekey_after_seconds = 2");
        Iperf.udp(bed, dir, "flood-warmup", 2, 20); // a fresh JVM drops a little while the JIT compiles the packet path
        Map<String, Long> before = tunnel.tunnelCounters("server");
        Process flood = startFlood(dir.resolve("flood"));
        Iperf.UdpResult stream = Iperf.udp(bed, dir, "flood-stream", SECONDS, 20);
        assertThat(flood.waitFor(30, TimeUnit.SECONDS)).isTrue();
        TimeUnit.MILLISECONDS.sleep(1500); // a fresh stats line
        Map<String, Long> after = tunnel.tunnelCounters("server");
        long handshakes = after.get("handshakes") - before.get("handshakes");
        long busy = after.get("drop_busy") - before.get("drop_busy");
        String floodLog = Files.readString(dir.resolve("flood").resolve("flood.log"));

        assertThat(floodLog).contains("flood sent " + RATE * SECONDS);
        assertThat(stream.lostPercent()).as("stream loss during the flood (%s)", stream).isLessThan(1.0);
        assertThat(handshakes).as("the client's handshakes that succeeded during the flood").isGreaterThanOrEqualTo(3);
        assertThat(busy).as("initiations turned away (cookie replies) rather than worked on").isGreaterThan(RATE * SECONDS / 2);
        assertThat(after.get("drop_bad_mac") - before.get("drop_bad_mac")).as("the flood's mac1 is valid").isZero();
        assertThat(tunnel.process("server").isAlive()).isTrue();
    }

    private Process startFlood(Path runDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                InitiationFlood.class.getName(), "--server", bed.serverIp(), "--ports", "9001-9005",
                "--server-key", tunnel.serverPublicKey(), "--rate", Integer.toString(RATE), "--seconds", Integer.toString(SECONDS)));
        return bed.start(bed.wanNs(), cmd, runDir.resolve("flood.log"));
    }
}
