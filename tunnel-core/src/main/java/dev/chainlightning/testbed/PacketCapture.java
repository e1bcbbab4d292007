package dev.chainlightning.testbed;

import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tcpdump on every interface of one test-bed namespace, writing a pcap file until stopped. */
public final class PacketCapture {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process tcpdump;
    private final Path pcap;
    private final Path log;

    private PacketCapture(Process tcpdump, Path pcap, Path log) {
        this.tcpdump = tcpdump;
        this.pcap = pcap;
        this.log = log;
    }

    /**
     * Starts capturing what matches {@code filter} (a pcap filter, e.g. {@code udp and dst portrange
     * 9001-9005}) and returns once tcpdump listens. The file name should end in .pcap: Ubuntu's
     * AppArmor profile for tcpdump lets it write only such files.
     */
    public static PacketCapture start(TestBed bed, String ns, String filter, Path pcap) throws IOException {
        Path log = pcap.resolveSibling(pcap.getFileName() + ".log");
        List<String> cmd = new ArrayList<>(List.of("tcpdump", "-i", "any", "-U", "-n",
                // -Z root: Debian's tcpdump otherwise drops to user tcpdump before opening the file.
                "-Z", "root", "-w", pcap.toString()));
        cmd.addAll(List.of(filter.split(" ")));
        Process p = bed.start(ns, cmd, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.readString(log).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("tcpdump did not start (is it installed? bin/install-deps):\n" + Files.readString(log));
            }
            TestBed.sleep(50);
        }
        return new PacketCapture(p, pcap, log);
    }

    /** Stops tcpdump (SIGTERM lets it finish the file) and returns the UDP datagrams it captured. */
    public List<UdpDatagram> stop() throws IOException {
        tcpdump.destroy();
        try {
            if (!tcpdump.waitFor(10, TimeUnit.SECONDS)) {
                tcpdump.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return PcapFile.readUdp(pcap);
    }

    public Path pcap() {
        return pcap;
    }

    public Path log() {
        return log;
    }


}
