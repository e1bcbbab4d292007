package dev.chainlightning.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-input experiment of issue 5 on a running tunnel: capture real packets at the server
 * during a short flow, then run a real UDP flow through the tunnel while a {@link DatagramFuzzer}
 * in the wan namespace (the internet between client and server) fires the mix of random, replayed
 * and mutated datagrams at all the server's ports. Used by HostileInputEndToEndTest and
 * {@link FuzzBenchmark}; it measures, the caller judges.
 */
public final class HostileInputRun {
    private static final Pattern LISTENING = Pattern.compile("listening on UDP \\S+:(\\d+)-(\\d+)");
    private static final int CAPTURE_SECONDS = 2;
    private static final int CAPTURE_MBIT = 5;
    /** The flow runs this long before the fuzzer starts and after it ends, so it brackets the attack. */
    private static final int FLOW_MARGIN_SECONDS = 2;

    /**
     * @param count       fuzz datagrams to send
     * @param rate        fuzz datagrams per second
     * @param seed        the mix's seed (same seed, same captures: same datagrams)
     * @param flowMbit    the real UDP flow's rate: modest, so clean links lose nothing
     * @param flowSeconds the flow's length, at least the fuzzing time plus margins
     */
    public record Settings(long count, long rate, long seed, int flowMbit, int flowSeconds, boolean download) {
        public Settings {
            if (count < 1 || rate < 1 || flowMbit < 1) {
                throw new IllegalArgumentException("count, rate and flow rate must be positive");
            }
            int fuzzSeconds = (int) Math.ceil((double) count / rate);
            flowSeconds = Math.max(flowSeconds, fuzzSeconds + 2 * FLOW_MARGIN_SECONDS + 1);
        }
    }

    private HostileInputRun() {
    }

    public static HostileInputReport run(TestBed bed, TunnelOnTestBed tunnel, Path dir, Settings settings)
            throws IOException, InterruptedException {
        int[] ports = serverPorts(tunnel);
        Path pcap = dir.resolve("capture.pcap");
        List<UdpDatagram> captured = capture(bed, ports, pcap);

        Map<String, Map<String, Long>> before = SettledCounters.await(tunnel, "server", "client");
        SnmpCounters kernelBefore = SnmpCounters.read(bed, bed.serverNs());
        long rssBefore = residentKb(tunnel.process("server").pid());
        long heapBefore = heapAfterFullGcKb(tunnel.process("server").pid());
        Iperf.Transfer flow = Iperf.Transfer.start(bed, dir, "flow", settings.flowSeconds(), settings.download(),
                udpFlow(settings.flowMbit()));
        TimeUnit.SECONDS.sleep(FLOW_MARGIN_SECONDS);
        FuzzTally fuzz = fuzz(bed, dir, pcap, ports, settings);
        Iperf.UdpResult flowResult = udpResult(flow.awaitReport());
        Map<String, Map<String, Long>> after = SettledCounters.await(tunnel, "server", "client");
        SnmpCounters kernelAfter = SnmpCounters.read(bed, bed.serverNs());

        boolean alive = tunnel.process("server").isAlive();
        long rssAfter = alive ? residentKb(tunnel.process("server").pid()) : 0;
        long heapAfter = alive ? heapAfterFullGcKb(tunnel.process("server").pid()) : 0;
        boolean ping = bed.exec(bed.clientNs(), "ping", "-c", "3", "-i", "0.2", "-W", "1", TunnelOnTestBed.SERVER_TUN_IP)
                .stdout().contains(" 3 received");
        return new HostileInputReport(captured.size(), fuzz, before.get("server"), after.get("server"),
                before.get("client"), after.get("client"), kernelAfter.since(kernelBefore, "Udp.InErrors"),
                kernelAfter.since(kernelBefore, "Udp.RcvbufErrors"), flowResult, settings.flowMbit(), alive, ping, rssBefore, rssAfter, heapBefore, heapAfter);
    }

    /**
     * The heap a JVM still uses after a full collection, through jcmd: what a leak would make grow
     * (resident memory grows anyway while the heap expands towards its cap). 0 when jcmd fails.
     */
    static long heapAfterFullGcKb(long pid) throws IOException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        String id = Long.toString(pid);
        Shell.run(List.of(jcmd.toString(), id, "GC.run"));
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K")
                .matcher(Shell.run(List.of(jcmd.toString(), id, "GC.heap_info")).stdout());
        return used.find() ? Long.parseLong(used.group(1)) : 0;
    }

    /** A process's resident memory (VmRSS in /proc/PID/status), in KiB. */
    static long residentKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** The server's UDP ports, from its "listening on UDP ip:first-last" log line. */
    static int[] serverPorts(TunnelOnTestBed tunnel) throws IOException {
        Matcher m = LISTENING.matcher(tunnel.log("server"));
        if (!m.find()) {
            throw new IOException("no 'listening on UDP' line in the server log:\n" + tunnel.log("server"));
        }
        return DatagramFuzzer.ports(m.group(1) + "-" + m.group(2));
    }

    /** A short real flow captured at the server: data, heartbeats and their answers to mutate. */
    private static List<UdpDatagram> capture(TestBed bed, int[] ports, Path pcap) throws IOException, InterruptedException {
        String filter = "udp and dst portrange " + ports[0] + "-" + ports[ports.length - 1];
        PacketCapture capture = PacketCapture.start(bed, bed.serverNs(), filter, pcap);
        Iperf.Transfer.start(bed, pcap.getParent(), "capture-flow", CAPTURE_SECONDS, false, udpFlow(CAPTURE_MBIT)).awaitReport();
        List<UdpDatagram> captured = capture.stop();
        if (captured.isEmpty()) {
            throw new IOException("captured no packets to the server's ports; tcpdump said:\n" + Files.readString(capture.log()));
        }
        return captured;
    }

    /** The fuzzer as its own process in the wan namespace, on this JVM's classpath; blocks until it is done. */
    private static FuzzTally fuzz(TestBed bed, Path dir, Path pcap, int[] ports, Settings s)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), DatagramFuzzer.class.getName(),
                "--server", bed.serverIp(), "--ports", ports[0] + "-" + ports[ports.length - 1], "--pcap", pcap.toString(),
                "--count", Long.toString(s.count()), "--rate", Long.toString(s.rate()), "--seed", Long.toString(s.seed())));
        Path log = dir.resolve("fuzzer.log");
        Process p = bed.start(bed.wanNs(), cmd, log);
        long limit = s.count() / s.rate() + 60;
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("the fuzzer did not finish within " + limit + " s:\n" + Files.readString(log));
        }
        return FuzzTally.parse(Files.readString(log));
    }

    private static List<String> udpFlow(int mbit) {
        return List.of("-u", "-b", mbit + "M", "-l", "1200");
    }

    private static Iperf.UdpResult udpResult(JsonNode report) {
        JsonNode sum = report.path("end").path("sum");
        return new Iperf.UdpResult(sum.path("packets").asLong(), sum.path("lost_packets").asLong(),
                sum.path("lost_percent").asDouble());
    }
}
