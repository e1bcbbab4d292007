package dev.chainlightning.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The long fuzz run behind {@code bench/fuzz.sh}: on its own test bed of three clean links (20, 30
 * and 50 Mbit/s) and a tunnel, {@link HostileInputRun} with many more datagrams than the end-to-end
 * test, then a summary table. See docs/FUZZING.md.
 *
 * <p>Arguments: datagrams (default 5,000,000), flow seconds (default: as long as the fuzzing takes,
 * plus margins), datagrams per second (default 20,000), seed (default 1), flow Mbit/s (default 10).
 * Exits 1 when the run fell short of issue 5's targets (see {@link #verdict}).
 */
public final class FuzzBenchmark {

    private FuzzBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long count = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        long rate = args.length > 2 ? Long.parseLong(args[2]) : 20_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        int mbit = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        boolean download = args.length > 5 && args[5].equals("download");
        HostileInputRun.Settings settings = new HostileInputRun.Settings(count, rate, seed, mbit, seconds, download);
        Path dir = Files.createTempDirectory("chainlightning-fuzz-");
        System.out.printf("# %d datagrams at %d/s, seed %d, during a %d s UDP %s flow of %d Mbit/s; logs in %s%n",
                count, rate, seed, settings.flowSeconds(), download ? "download" : "upload", mbit, dir);
        HostileInputReport report;
        try (TestBed bed = TestBed.create(List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50)));
             TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir, "", "rates_mbit = [20, 30, 50]")) {
            report = HostileInputRun.run(bed, tunnel, dir, settings);
        }
        System.out.print(report.format());
        String verdict = verdict(report);
        System.out.println(verdict.isEmpty() ? "verdict: all of issue 5's targets met" : "verdict: FAILED" + verdict);
        System.exit(verdict.isEmpty() ? 0 : 1);
    }

    /** The same targets as HostileInputEndToEndTest; empty when all are met, else what missed. */
    static String verdict(HostileInputReport r) {
        StringBuilder missed = new StringBuilder();
        if (!r.serverAlive() || !r.pingAfter()) {
            missed.append("; the server died or stopped answering");
        }
        if (r.flow().lostPercent() >= 1.0) {
            missed.append("; the flow lost ").append(r.flow().lostPercent()).append('%');
        }
        if (r.surplusAtServerTun() > 0) {
            missed.append("; ").append(r.surplusAtServerTun()).append(" packets more at the server's TUN than the client sent");
        }
        if (r.drops() != r.expectedDrops()) {
            missed.append("; ").append(r.expectedDrops() - r.drops()).append(" fuzz datagrams not counted as drops (")
                    .append(r.fuzz().replays()).append(" were replays)");
        }
        return missed.toString();
    }
}
