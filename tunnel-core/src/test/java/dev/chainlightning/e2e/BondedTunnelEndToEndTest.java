package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.CommandResult;
import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.TestBed.Direction;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole tunnel, for real: server and client processes with TUN devices in network namespaces,
 * three NATed WAN links of 20, 30 and 50 Mbit/s each way (see {@link TestBed}), and iperf3 and ping
 * through the tunnel. Needs root; on CI it always runs.
 */
@NeedsRoot
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BondedTunnelEndToEndTest {
    private static final double[] RATES = {20, 30, 50};
    private static final double LINK_SUM = 100;

    private static TestBed bed;
    private static TunnelOnTestBed tunnel;
    private static Path dir;

    @BeforeAll
    static void startTunnel() throws Exception {
        dir = Files.createTempDirectory("cl-e2e-");
        bed = TestBed.create(List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50)));
        tunnel = TunnelOnTestBed.start(bed, dir, "", "rates_mbit = [20, 30, 50]");
    }

    @AfterAll
    static void tearDown() {
        if (tunnel != null) {
            tunnel.close();
        }
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    @Order(1)
    void pingCrossesTheTunnelBothWays() throws Exception {
        CommandResult up = bed.exec(bed.clientNs(), "ping", "-c", "5", "-i", "0.2", "-W", "1", TunnelOnTestBed.SERVER_TUN_IP);
        CommandResult down = bed.exec(bed.serverNs(), "ping", "-c", "5", "-i", "0.2", "-W", "1", TunnelOnTestBed.CLIENT_TUN_IP);
        assertThat(up.stdout()).contains("5 received");
        assertThat(down.stdout()).contains("5 received");
    }

    @Test
    @Order(2)
    void aSingleTcpUploadUsesAllLinks() throws Exception {
        assertBonded("upload", false, Direction.UP);
    }

    @Test
    @Order(3)
    void aSingleTcpDownloadUsesAllLinks() throws Exception {
        assertBonded("download", true, Direction.DOWN);
    }

    private void assertBonded(String name, boolean reverse, Direction direction) throws Exception {
        long[] before = wanBytes(direction);
        Iperf.Result result = Iperf.run(bed, dir, name, 8, reverse);
        long[] carried = delta(before, wanBytes(direction));
        long total = carried[0] + carried[1] + carried[2];
        assertThat(result.receivedMbit()).as("%s goodput (Mbit/s) of a %.0f Mbit/s link sum", name, LINK_SUM)
                .isGreaterThanOrEqualTo(0.70 * LINK_SUM);
        for (int i = 0; i < RATES.length; i++) {
            double share = RATES[i] / LINK_SUM;
            assertThat((double) carried[i] / total).as("link %d's part of the %s bytes", i, name)
                    .isGreaterThanOrEqualTo(share / 2);
        }
    }

    @Test
    @Order(4)
    void aTransferSurvivesALinkGoingDownAndUsesItAgainWhenItReturns() throws Exception {
        Iperf.Transfer transfer = Iperf.Transfer.start(bed, dir, "failover", 12, false, List.of());
        TimeUnit.SECONDS.sleep(3);
        bed.cutLink(1);
        TimeUnit.SECONDS.sleep(3);
        long carriedWhileCut = bytesOverNextSeconds(1, Direction.UP, 1);
        bed.restoreLink(1);
        TimeUnit.SECONDS.sleep(2);
        long carriedAfterRestore = bytesOverNextSeconds(1, Direction.UP, 2);

        // 12 s at 70 to 100 Mbit/s with one link gone for 4 s: well above what two links alone give.
        assertThat(transfer.await().receivedMbit()).isGreaterThan(40);
        assertThat(carriedWhileCut).as("bytes on the cut link (the nft drop counts nothing)").isZero();
        assertThat(carriedAfterRestore).as("bytes on link 1 in the 2 s after it returned").isGreaterThan(2_000_000);
        assertThat(tunnel.log("client")).contains("link 10.10.1.2#0 is down").contains("link 10.10.1.2#0 is up");
    }

    @Test
    @Order(5)
    void aTransferSurvivesANatRebinding() throws Exception {
        Iperf.Transfer transfer = Iperf.Transfer.start(bed, dir, "rebind", 8, true, List.of());
        TimeUnit.SECONDS.sleep(3);
        bed.rebindNat(0);
        TimeUnit.SECONDS.sleep(2);
        long carriedAfterRebind = bytesOverNextSeconds(0, Direction.DOWN, 2);

        assertThat(transfer.await().receivedMbit()).isGreaterThan(50);
        assertThat(tunnel.log("server")).contains("link link0 now answers to");
        assertThat(carriedAfterRebind).as("download bytes on link 0 after its NAT mapping changed").isGreaterThan(2_000_000);
    }

    @Test
    @Order(6)
    void garbageIsDroppedAndCountedAndTheTunnelKeepsWorking() throws Exception {
        // Random datagrams of random length to every server port, and as many that look like our
        // data packets (type 1, AES-GCM, reserved 0) with random key indices, counters and bodies.
        // Each datagram must leave in one write(), hence dd with a full block on descriptor 3.
        String script = """
                for i in $(seq 0 199); do
                  exec 3>/dev/udp/SERVER/$((9001 + i % 5))
                  head -c $((RANDOM % 1400 + 1)) /dev/urandom | dd bs=4096 iflag=fullblock status=none >&3
                  { printf '\\x01\\x00\\x01\\x00'; head -c $((RANDOM % 1400 + 40)) /dev/urandom; } | dd bs=4096 iflag=fullblock status=none >&3
                  exec 3>&-
                done
                """.replace("SERVER", bed.serverIp());
        Map<String, Long> before = awaitFreshCounters();
        // From the wan namespace: an attacker on the internet path, not a tunnel client.
        CommandResult sent = bed.exec(bed.wanNs(), "bash", "-c", script);
        assertThat(sent.exitCode()).as(sent.stderr()).isZero();
        Map<String, Long> after = awaitFreshCounters();

        long dropped = drops(after) - drops(before);
        assertThat(dropped).as("garbage datagrams dropped and counted").isGreaterThanOrEqualTo(400);
        // A look-alike names a random key index: dropped before any decryption is tried.
        assertThat(after.get("drop_no_session") - before.get("drop_no_session")).as("look-alike datagrams naming no key of ours")
                .isGreaterThanOrEqualTo(150);
        assertThat(tunnel.process("server").isAlive()).isTrue();
        CommandResult ping = bed.exec(bed.clientNs(), "ping", "-c", "3", "-i", "0.2", "-W", "1", TunnelOnTestBed.SERVER_TUN_IP);
        assertThat(ping.stdout()).contains("3 received");
    }

    @Test
    @Order(7)
    void theClientCarriesOnWhenTheServerRestarts() throws Exception {
        Process client = tunnel.process("client");
        assertThat(tunnel.stop("server")).isZero();
        tunnel.startServer();
        tunnel.awaitPing(java.time.Duration.ofSeconds(10));
        assertThat(Iperf.run(bed, dir, "after-restart", 3, true).receivedMbit()).as("download after the server restarted").isGreaterThan(50);
        assertThat(tunnel.process("client")).isSameAs(client);
        assertThat(client.isAlive()).isTrue();
        assertThat(tunnel.log("client")).contains("peer restarted");
    }

    @Test
    @Order(8)
    void sigtermStopsBothEndsCleanlyAndRemovesTheTunDevices() throws Exception {
        assertThat(tunnel.stop("client")).isZero();
        assertThat(tunnel.stop("server")).isZero();
        assertThat(bed.exec(bed.clientNs(), "ip", "link", "show", TunnelOnTestBed.TUN_NAME).ok()).isFalse();
        assertThat(bed.exec(bed.serverNs(), "ip", "link", "show", TunnelOnTestBed.TUN_NAME).ok()).isFalse();
        assertThat(tunnel.log("client")).contains("client stopped");
    }

    private static long drops(Map<String, Long> counters) {
        return counters.get("drop_total");
    }

    /** Waits for the server's next statistics line (printed every second) and returns its counters. */
    private static Map<String, Long> awaitFreshCounters() throws InterruptedException {
        int lines = statsLines();
        for (int i = 0; i < 50 && statsLines() == lines; i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return tunnel.tunnelCounters("server");
    }

    private static int statsLines() {
        return (int) tunnel.log("server").lines().filter(l -> l.startsWith("server tunnel ")).count();
    }

    private static long bytesOverNextSeconds(int link, Direction direction, int seconds) throws Exception {
        long before = bed.wanBytes(link, direction);
        TimeUnit.SECONDS.sleep(seconds);
        return bed.wanBytes(link, direction) - before;
    }

    private static long[] wanBytes(Direction direction) throws Exception {
        long[] bytes = new long[RATES.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bed.wanBytes(i, direction);
        }
        return bytes;
    }

    private static long[] delta(long[] before, long[] after) {
        long[] d = new long[before.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }
}
