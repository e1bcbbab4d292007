package dev.chainlightning.testbed.emu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainlightning.testbed.CommandResult;
import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.emu.EmulationProfile.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link emulator on a 1-link test bed, one bed per test with its own explicit profile. */
@NeedsRoot
class LinkEmulatorTest {

    private static final int PORT = 5201;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RTT = Pattern.compile("time=([0-9.]+) ms");
    private static final Pattern PING_SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @TempDir
    Path logs;

    @Test
    void pingRttIsUpPlusDownDelayAndJitterNeverReorders() throws Exception {
        EmulationProfile profile = new EmulationProfile("delay",
                new Direction(50, 20, 2, 0), new Direction(50, 30, 2, 0), List.of());
        try (TestBed bed = bed(profile)) {
            CommandResult r = bed.execOrThrow(bed.clientNs(), "ping", "-c", "100", "-i", "0.02",
                    "-I", bed.clientLinkIp(0), bed.serverIp());
            List<Double> rtts = new ArrayList<>();
            Matcher m = RTT.matcher(r.stdout());
            while (m.find()) {
                rtts.add(Double.parseDouble(m.group(1)));
            }
            rtts.sort(null);
            double median = rtts.get(rtts.size() / 2);
            System.out.printf(Locale.ROOT, "delay: %d replies, RTT min %.2f median %.2f max %.2f ms (expected 50)%n",
                    rtts.size(), rtts.getFirst(), median, rtts.getLast());
            assertThat(rtts).hasSizeGreaterThanOrEqualTo(99);
            assertThat(median).isBetween(47.0, 53.0);

            // 10 Mbit/s of 1000-byte datagrams (1250 packets/s, 0.8 ms apart) against 2 ms of jitter.
            for (boolean reverse : new boolean[] {false, true}) {
                JsonNode udp = iperf(bed, "-u", "-b", "10M", "-l", "1000", "-t", "2", reverse ? "-R" : "-4");
                JsonNode sum = udp.at("/end/sum");
                System.out.printf(Locale.ROOT, "jitter %s: %d packets, %d lost, %d out of order%n",
                        reverse ? "down" : "up", sum.at("/packets").asLong(), sum.at("/lost_packets").asLong(),
                        sum.at("/out_of_order").asLong());
                assertThat(sum.at("/packets").asLong()).isGreaterThan(2000);
                assertThat(sum.at("/out_of_order").asLong()).as("out-of-order packets").isZero();
            }
        }
    }

    @Test
    void randomLossMatchesTheSetting() throws Exception {
        EmulationProfile profile = new EmulationProfile("loss",
                new Direction(0, 0, 0, 5), new Direction(0, 0, 0, 0), List.of());
        try (TestBed bed = bed(profile)) {
            CommandResult r = bed.exec(bed.clientNs(), "ping", "-f", "-c", "2000", "-W", "1",
                    "-I", bed.clientLinkIp(0), bed.serverIp());
            Matcher m = PING_SUMMARY.matcher(r.stdout());
            assertThat(m.find()).as("ping summary in %s", r.stdout()).isTrue();
            double sent = Double.parseDouble(m.group(1));
            double lossPercent = 100 * (sent - Double.parseDouble(m.group(2))) / sent;
            System.out.printf(Locale.ROOT, "loss: %.0f pings, %.2f %% lost (expected 5)%n", sent, lossPercent);
            assertThat(sent).isEqualTo(2000);
            assertThat(lossPercent).isBetween(3.5, 6.5);

            // The wan namespace's cut still applies to the emulated link.
            try {
                bed.cutLink(0);
                assertThat(bed.exec(bed.clientNs(), "ping", "-c", "2", "-i", "0.2", "-W", "1",
                        "-I", bed.clientLinkIp(0), bed.serverIp()).exitCode()).as("ping via cut link").isNotZero();
            } finally {
                bed.restoreLink(0);
            }
            assertThat(bed.exec(bed.clientNs(), "ping", "-c", "5", "-i", "0.2", "-W", "1",
                    "-I", bed.clientLinkIp(0), bed.serverIp()).stdout()).as("restored link").doesNotContain(" 0 received");
        }
    }

    @Test
    void tcpGetsTheEmulatedRate() throws Exception {
        try (TestBed bed = bed(EmulationProfile.fixed(20, 10))) {
            for (boolean reverse : new boolean[] {false, true}) {
                TestBed.Direction d = reverse ? TestBed.Direction.DOWN : TestBed.Direction.UP;
                long before = bed.wanBytes(0, d);
                JsonNode tcp = iperf(bed, "-t", "3", "-O", "1", reverse ? "-R" : "-4");
                double mbit = tcp.at("/end/sum_received/bits_per_second").asDouble() / 1e6;
                long bytes = bed.wanBytes(0, d) - before;
                System.out.printf(Locale.ROOT, "rate %s: %.2f Mbit/s TCP goodput through 20 Mbit/s, %d bytes left wan%n",
                        reverse ? "down" : "up", mbit, bytes);
                assertThat(mbit).isBetween(18.0, 21.0);
                // the wan's byte counters still see link 0's traffic (4 s including the omitted second)
                assertThat((double) bytes).isBetween(0.8 * 20e6 / 8 * 4, 1.2 * 20e6 / 8 * 4);
            }
        }
    }

    @Test
    void fiberLikeLinkCarries90MbitUdpWithoutLoss() throws Exception {
        EmulationProfile profile = new EmulationProfile("fiber-like",
                new Direction(100, 5, 0.5, 0), new Direction(100, 5, 0.5, 0), List.of());
        try (TestBed bed = bed(profile)) {
            JsonNode udp = iperf(bed, "-u", "-b", "90M", "-l", "1400", "-t", "3");
            JsonNode sum = udp.at("/end/sum");
            double lostPercent = sum.at("/lost_percent").asDouble();
            System.out.printf(Locale.ROOT, "fiber: 90 Mbit/s UDP, %d packets, %.3f %% lost, %d out of order%n",
                    sum.at("/packets").asLong(), lostPercent, sum.at("/out_of_order").asLong());
            assertThat(lostPercent).isLessThan(1.0);
            assertThat(sum.at("/out_of_order").asLong()).isZero();
        }
    }

    @Test
    void scheduledOutagesDropTheirShareOfTime() throws Exception {
        Direction plain = new Direction(0, 0, 0, 0);
        EmulationProfile profile = new EmulationProfile("outages", plain, plain,
                List.of(EmulationProfile.Phase.rate(400, 1.0), EmulationProfile.Phase.outage(100)));
        try (TestBed bed = bed(profile)) {
            // 2.5 s of pings 10 ms apart: 5 whole periods, 20 % of the time in an outage
            CommandResult r = bed.exec(bed.clientNs(), "ping", "-c", "250", "-i", "0.01", "-W", "1",
                    "-I", bed.clientLinkIp(0), bed.serverIp());
            Matcher m = PING_SUMMARY.matcher(r.stdout());
            assertThat(m.find()).as("ping summary in %s", r.stdout()).isTrue();
            double sent = Double.parseDouble(m.group(1));
            double lossPercent = 100 * (sent - Double.parseDouble(m.group(2))) / sent;
            System.out.printf(Locale.ROOT, "outages: %.0f pings, %.1f %% lost (expected 20)%n", sent, lossPercent);
            assertThat(lossPercent).isBetween(14.0, 26.0);
        }
    }

    @Test
    void namedProfileOnOneLinkLeavesTheOtherAsBefore() throws Exception {
        List<EmulationProfile> emulation = new ArrayList<>();
        emulation.add(EmulationProfile.named("lte"));
        emulation.add(null);
        try (TestBed bed = TestBed.create(List.of(new LinkSpec(30, 30), new LinkSpec(20, 20)), emulation)) {
            double lte = medianRtt(bed, 0, 20);
            double plain = medianRtt(bed, 1, 20);
            System.out.printf(Locale.ROOT, "mixed bed: lte link median RTT %.1f ms, plain link %.2f ms%n", lte, plain);
            assertThat(lte).isBetween(75.0, 110.0);
            assertThat(plain).isLessThan(5.0);
            assertThat(netnsList(bed)).contains(bed.emuNs(0)).doesNotContain(bed.emuNs(1));
        }
    }

    private static String netnsList(TestBed bed) throws IOException {
        return bed.execOrThrow(bed.wanNs(), "ip", "netns", "list").stdout();
    }

    private static double medianRtt(TestBed bed, int link, int count) throws IOException {
        CommandResult r = bed.exec(bed.clientNs(), "ping", "-c", Integer.toString(count), "-i", "0.05", "-W", "1",
                "-I", bed.clientLinkIp(link), bed.serverIp());
        List<Double> rtts = new ArrayList<>();
        Matcher m = RTT.matcher(r.stdout());
        while (m.find()) {
            rtts.add(Double.parseDouble(m.group(1)));
        }
        assertThat(rtts).as("replies via link %d", link).isNotEmpty();
        rtts.sort(null);
        return rtts.get(rtts.size() / 2);
    }

    private TestBed bed(EmulationProfile profile) throws IOException {
        long t0 = System.nanoTime();
        TestBed bed = TestBed.create(List.of(new LinkSpec(1000, 1000)), List.of(profile));
        System.out.printf(Locale.ROOT, "bed with emulator (%s) ready in %.1f s%n", profile.name(), (System.nanoTime() - t0) / 1e9);
        try {
            bed.start(bed.serverNs(), List.of("iperf3", "-s", "-p", Integer.toString(PORT)),
                    logs.resolve("iperf3-server.log"));
            bed.awaitTcpListener(bed.serverNs(), PORT, Duration.ofSeconds(5));
            return bed;
        } catch (IOException | RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    private static JsonNode iperf(TestBed bed, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", bed.serverIp(), "-p", Integer.toString(PORT),
                "-B", bed.clientLinkIp(0), "-J"));
        cmd.addAll(List.of(extra));
        CommandResult r = bed.execOrThrow(bed.clientNs(), cmd.toArray(String[]::new));
        return JSON.readTree(r.stdout());
    }
}
