package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainlightning.testbed.TestBed.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NeedsRoot
class TestBedTest {

    private static final int RATE_PORT = 5201;
    private static final int UDP_PORT = 5202;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DPORT = Pattern.compile("dport=(\\d+)");

    @TempDir
    static Path logs;

    private static TestBed bed;

    @BeforeAll
    static void setUp() throws Exception {
        bed = TestBed.create(List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50)));
        for (int port : new int[] {RATE_PORT, UDP_PORT}) {
            bed.start(bed.serverNs(), List.of("iperf3", "-s", "-p", Integer.toString(port)),
                    logs.resolve("iperf3-server-" + port + ".log"));
            bed.awaitTcpListener(bed.serverNs(), port, Duration.ofSeconds(5));
        }
    }

    @AfterAll
    static void tearDown() {
        if (bed != null) {
            bed.close();
        }
    }

    /**
     * The tunnel's UDP GSO batches must reach the wan namespace as the datagrams a NIC would put
     * on the wire, or its loss rules and queues judge whole batches (FecEndToEndTest's 3% random
     * loss took 2-12 datagrams at a time): the veths they leave by segment in software.
     */
    @Test
    void gsoBatchesAreCutIntoDatagramsBeforeTheWan() throws IOException {
        for (int i = 0; i < bed.linkCount(); i++) {
            assertThat(bed.execOrThrow(bed.clientNs(), "ethtool", "-k", bed.clientLinkDev(i)).stdout())
                    .as("link %d's client veth", i).contains("tx-udp-segmentation: off");
        }
        assertThat(bed.execOrThrow(bed.serverNs(), "ethtool", "-k", TestBed.SERVER_DEV).stdout())
                .as("the server's veth").contains("tx-udp-segmentation: off");
    }

    @Test
    void pingWorksViaEveryLink() throws IOException {
        for (int i = 0; i < bed.linkCount(); i++) {
            assertThat(ping(i).exitCode()).as("ping via link %d", i).isZero();
        }
    }

    @Test
    void clientHasNoDefaultRouteSoNothingLeaks() throws IOException {
        assertThat(bed.execOrThrow(bed.clientNs(), "ip", "route", "show", "default").stdout()).isBlank();
        CommandResult unbound = bed.exec(bed.clientNs(), "ping", "-c", "1", "-W", "1", bed.serverIp());
        assertThat(unbound.exitCode()).as("ping without a source address").isNotZero();
    }

    @Test
    void serverSeesTheMasqueradedAddress() throws Exception {
        int port = 5203;
        Process server = bed.start(bed.serverNs(), List.of("iperf3", "-s", "-1", "-J", "-p", Integer.toString(port)),
                logs.resolve("iperf3-oneoff.json"));
        bed.awaitTcpListener(bed.serverNs(), port, Duration.ofSeconds(5));
        bed.execOrThrow(bed.clientNs(), "iperf3", "-c", bed.serverIp(), "-p", Integer.toString(port),
                "-B", bed.clientLinkIp(1), "-t", "1", "-J");
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();

        JsonNode report = JSON.readTree(Files.readString(logs.resolve("iperf3-oneoff.json")));
        assertThat(report.at("/start/connected/0/remote_host").asText()).isEqualTo("10.20.0.1");
    }

    @Test
    void cutLinkDropsOnlyThatLinkUntilRestored() throws IOException {
        try {
            bed.cutLink(1);
            assertThat(ping(1).exitCode()).as("ping via cut link 1").isNotZero();
            assertThat(ping(0).exitCode()).as("ping via link 0").isZero();
            assertThat(ping(2).exitCode()).as("ping via link 2").isZero();
            assertThat(bed.execOrThrow(bed.clientNs(), "ip", "link", "show", bed.clientLinkDev(1)).stdout())
                    .as("client interface stays up").contains("state UP");
        } finally {
            bed.restoreLink(1);
        }
        assertThat(ping(1).exitCode()).as("ping via restored link 1").isZero();
    }

    @Test
    void rebindNatGivesANewSourcePort() throws Exception {
        int link = 2;
        int clientPort = 40002;
        Process flow = bed.start(bed.clientNs(), List.of("iperf3", "-c", bed.serverIp(), "-p", Integer.toString(UDP_PORT),
                "-B", bed.clientLinkIp(link), "--cport", Integer.toString(clientPort),
                "-u", "-b", "200k", "-l", "200", "-t", "20"), logs.resolve("iperf3-udp-client.log"));
        try {
            int before = awaitNatPort(link, clientPort, -1);
            bed.rebindNat(link);
            int after = awaitNatPort(link, clientPort, before);
            assertThat(after).isNotEqualTo(before);
        } finally {
            flow.destroy();
            flow.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void uploadIsLimitedToTheLinkRate() throws IOException {
        long before = bed.wanBytes(0, Direction.UP);
        long otherBefore = bed.wanBytes(1, Direction.UP);
        double bps = iperf(0, false);
        long bytes = bed.wanBytes(0, Direction.UP) - before;

        System.out.printf("upload link 0 (20 Mbit/s): %.2f Mbit/s, %d bytes left wan%n", bps / 1e6, bytes);
        assertThat(bps).isBetween(17e6, 23e6);
        assertThat((double) bytes).isBetween(0.8 * 20e6 / 8 * 3, 1.3 * 20e6 / 8 * 3);
        assertThat(bed.wanBytes(1, Direction.UP) - otherBefore).as("link 1 class untouched").isLessThan(50_000);
    }

    @Test
    void downloadIsLimitedToTheLinkRate() throws IOException {
        long before = bed.wanBytes(2, Direction.DOWN);
        double bps = iperf(2, true);
        long bytes = bed.wanBytes(2, Direction.DOWN) - before;

        System.out.printf("download link 2 (50 Mbit/s): %.2f Mbit/s, %d bytes left wan%n", bps / 1e6, bytes);
        assertThat(bps).isBetween(42.5e6, 57.5e6);
        assertThat((double) bytes).isBetween(0.8 * 50e6 / 8 * 3, 1.3 * 50e6 / 8 * 3);
    }

    @Test
    void closeDeletesTheNamespaces() throws IOException {
        TestBed own = TestBed.create(List.of(new LinkSpec(10, 10)));
        List<String> names = List.of(own.clientNs(), own.wanNs(), own.serverNs());
        try {
            assertThat(netnsList()).contains(names.toArray(String[]::new));
        } finally {
            own.close();
        }
        own.close(); // idempotent
        assertThat(netnsList()).doesNotContain(names.toArray(String[]::new));
    }

    private static CommandResult ping(int link) throws IOException {
        return bed.exec(bed.clientNs(), "ping", "-c", "2", "-W", "1", "-i", "0.2",
                "-I", bed.clientLinkIp(link), bed.serverIp());
    }

    /** Receiver-side goodput of a 3 s TCP transfer over one link. */
    private static double iperf(int link, boolean download) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("iperf3", "-c", bed.serverIp(),
                "-p", Integer.toString(RATE_PORT), "-B", bed.clientLinkIp(link), "-t", "3", "-J"));
        if (download) {
            cmd.add("-R");
        }
        CommandResult r = bed.execOrThrow(bed.clientNs(), cmd.toArray(String[]::new));
        return JSON.readTree(r.stdout()).at("/end/sum_received/bits_per_second").asDouble();
    }

    /** Waits for the wan's conntrack entry of the client's UDP flow with a mapped port other than notThis. */
    private static int awaitNatPort(int link, int clientPort, int notThis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            OptionalInt port = natPort(link, clientPort);
            if (port.isPresent() && port.getAsInt() != notThis) {
                return port.getAsInt();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no conntrack entry for udp " + bed.clientLinkIp(link) + ":" + clientPort
                + " with a mapped port other than " + notThis);
    }

    /** The masqueraded source port: the destination port of the entry's reply tuple. */
    private static OptionalInt natPort(int link, int clientPort) throws IOException {
        CommandResult r = bed.exec(bed.wanNs(), "conntrack", "-L", "-p", "udp", "--orig-src", bed.clientLinkIp(link),
                "--orig-port-src", Integer.toString(clientPort));
        for (String line : r.stdout().split("\n")) {
            Matcher m = DPORT.matcher(line);
            int last = -1;
            while (m.find()) {
                last = Integer.parseInt(m.group(1));
            }
            if (last >= 0) {
                return OptionalInt.of(last);
            }
        }
        return OptionalInt.empty();
    }

    private static String netnsList() throws IOException {
        return Shell.runOrThrow(List.of("ip", "netns", "list")).stdout();
    }
}
