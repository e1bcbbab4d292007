package dev.chainlightning.testbed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What encryption costs, behind {@code bench/crypto-cost.sh}: one link without a useful rate limit
 * (10 Gbit/s, far above what one core seals), one TCP flow through the tunnel each way for each
 * cipher, and the CPU the two tunnel processes used meanwhile (user + system time from
 * /proc/PID/stat). Prints a table: goodput, CPU of each end in cores, and CPU nanoseconds per
 * byte carried (both ends together), the figure that says how far a given CPU can go.
 */
public final class CryptoCostBenchmark {
    private static final double UNLIMITED_MBIT = 10_000;
    private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private CryptoCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("chainlightning-crypto-");
        out.printf(Locale.ROOT, "%-18s %-9s %12s %14s %14s %16s%n", "cipher", "direction", "goodput", "client CPU",
                "server CPU", "CPU ns per byte");
        try (TestBed bed = TestBed.create(List.of(new LinkSpec(UNLIMITED_MBIT, UNLIMITED_MBIT)))) {
            for (String cipher : List.of("aes-256-gcm", "chacha20-poly1305")) {
                try (TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir.resolve(cipher), "", "", "",
                        "cipher = \"" + cipher + "\"")) {
                    Iperf.run(bed, dir, cipher + "-warmup", 3, false); // let the JIT compile the packet path
                    for (boolean download : new boolean[] {false, true}) {
                        row(out, bed, dir, tunnel, cipher, download, seconds);
                    }
                }
            }
        }
    }

    private static void row(PrintStream out, TestBed bed, Path dir, TunnelOnTestBed tunnel, String cipher, boolean download,
                            int seconds) throws IOException, InterruptedException {
        long clientBefore = cpuTicks(tunnel.process("client").pid());
        long serverBefore = cpuTicks(tunnel.process("server").pid());
        Iperf.Result result = Iperf.run(bed, dir, cipher + (download ? "-down" : "-up"), seconds, download);
        double clientCores = (cpuTicks(tunnel.process("client").pid()) - clientBefore) / CLOCK_TICKS_PER_SECOND / result.seconds();
        double serverCores = (cpuTicks(tunnel.process("server").pid()) - serverBefore) / CLOCK_TICKS_PER_SECOND / result.seconds();
        double bytesPerSecond = result.receivedMbit() * 1e6 / 8;
        double nanosPerByte = (clientCores + serverCores) * 1e9 / bytesPerSecond;
        out.printf(Locale.ROOT, "%-18s %-9s %7.0f Mbit/s %8.2f cores %8.2f cores %16.1f%n", cipher,
                download ? "download" : "upload", result.receivedMbit(), clientCores, serverCores, nanosPerByte);
    }

    /** User plus system CPU time of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15). */
    static long cpuTicks(long pid) throws IOException {
        return ProcStats.ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }
}
