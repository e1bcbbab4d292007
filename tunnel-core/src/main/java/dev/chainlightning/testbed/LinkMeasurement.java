package dev.chainlightning.testbed;

import dev.chainlightning.testbed.TestBed.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One row of the link benchmark: idle ping baselines, then a TCP transfer with ping streams
 * running alongside, and for the link-death scenario the cut of the busiest link halfway through
 * while a {@link StallMeter} watches the receiving iperf3.
 */
final class LinkMeasurement {

    /** Ping samples from the first seconds of a transfer are left out: TCP is still ramping up. */
    static final double RAMP_UP_S = 2;
    static final double IDLE_PING_S = 1;

    private final TestBed bed;
    private final LinkScenario scenario;
    private final Contender via;
    private final Path dir;
    private final int seconds;

    LinkMeasurement(TestBed bed, LinkScenario scenario, Contender via, Path dir, int seconds) {
        this.bed = bed;
        this.scenario = scenario;
        this.via = via;
        this.dir = dir;
        this.seconds = seconds;
    }

    LinkRow run(String cc, int flows, boolean reverse) throws IOException, InterruptedException {
        Direction d = reverse ? Direction.DOWN : Direction.UP;
        String name = String.join("-", via.name(), cc, Integer.toString(flows), reverse ? "down" : "up");
        List<PingProbe> small = via.probes(PingProbe.SMALL);
        List<PingProbe> large = via.probes(PingProbe.LARGE);
        double[] idleSmall = idleMedians(small);
        double[] idleLarge = idleMedians(large);
        Map<String, Long> mptcpBefore = via.mptcp() ? Mptcp.clientCounters(bed) : Map.of();
        long[] bytesBefore = wanBytes(d);

        long startNanos = System.nanoTime();
        double startEpoch = System.currentTimeMillis() / 1000.0;
        TcpLoad load = TcpLoad.start(bed, dir, name, via, seconds, flows, reverse, cc);
        List<PingProbe.Running> smallRuns = start(small, name + "-ping-small");
        List<PingProbe.Running> largeRuns = start(large, name + "-ping-large");
        Cut cut = null;
        Iperf.Result result;
        try (StallMeter meter = scenario.linkDies() ? StallMeter.start(load.receiverPid()) : null) {
            try {
                if (scenario.linkDies()) {
                    cut = cutBusiestLink(d, startNanos);
                }
                result = load.await();
            } finally {
                if (cut != null) {
                    bed.restoreLink(cut.link());
                }
            }
            long[] bytesAfter = wanBytes(d);
            Stalls.Stall stall = null;
            String note = "";
            double linkSum = scenario.linkSumMbit(d);
            if (cut != null) {
                long end = startNanos + seconds * 1_000_000_000L - 300_000_000L;
                stall = meter.longest(cut.atNanos() - 500_000_000L, end);
                double cutAtS = (cut.atNanos() - startNanos) / 1e9;
                // The link sum the transfer had: all links until the cut, the others after it.
                linkSum = (cutAtS * linkSum + (seconds - cutAtS) * (linkSum - scenario.rateMbit(cut.link(), d))) / seconds;
                note = String.format(Locale.ROOT, "cut link %d at %.1f s; polls <= %.0f ms apart%s", cut.link(), cutAtS,
                        meter.longestPollGapMillis(), meter.realtime() ? "" : " (poller not real-time)");
            }
            if (via.mptcp()) {
                note = join(note, subflowNote(mptcpBefore, Mptcp.clientCounters(bed), shares(bytesBefore, bytesAfter)));
            }
            PingStats smallStats = stats(smallRuns, idleSmall, startEpoch);
            PingStats largeStats = stats(largeRuns, idleLarge, startEpoch);
            return new LinkRow(scenario.name(), cc, flows, reverse ? "down" : "up", via.name(), linkSum,
                    result.receivedMbit(), smallStats.latency(), largeStats.latency(),
                    smallStats.loss().plus(largeStats.loss()).share(), stall, shares(bytesBefore, bytesAfter), note);
        } finally {
            if (cut != null) {
                Thread.sleep(2000); // let the restored link come back (the tunnel's heartbeats) before the next row
            }
        }
    }

    private record Cut(int link, long atNanos) {
    }

    private record PingStats(LinkRow.Latency latency, PingOutput.Loss loss) {
    }

    /**
     * Halfway through, cuts the link that carried the most in the second before: the cut a
     * transfer feels most. Measured, not assumed, because the tunnel and MPTCP split differently.
     */
    private Cut cutBusiestLink(Direction d, long startNanos) throws IOException, InterruptedException {
        long half = startNanos + seconds * 500_000_000L;
        sleepUntil(half - 1_000_000_000L);
        long[] before = wanBytes(d);
        sleepUntil(half);
        long[] after = wanBytes(d);
        int busiest = 0;
        for (int i = 1; i < after.length; i++) {
            if (after[i] - before[i] > after[busiest] - before[busiest]) {
                busiest = i;
            }
        }
        bed.cutLink(busiest);
        return new Cut(busiest, System.nanoTime());
    }

    private double[] idleMedians(List<PingProbe> probes) throws IOException, InterruptedException {
        List<Callable<Double>> tasks = new ArrayList<>();
        for (PingProbe p : probes) {
            tasks.add(() -> p.idleMedianMs(bed, IDLE_PING_S));
        }
        double[] medians = new double[probes.size()];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Double>> futures = pool.invokeAll(tasks);
            for (int i = 0; i < medians.length; i++) {
                medians[i] = futures.get(i).get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return medians;
    }

    private List<PingProbe.Running> start(List<PingProbe> probes, String name) throws IOException {
        List<PingProbe.Running> runs = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            runs.add(probes.get(i).start(bed, dir.resolve(name + i + ".log"), seconds));
        }
        return runs;
    }

    /** Added delay of every reply sent after the ramp-up, each against its own probe's idle median; pooled. */
    private static PingStats stats(List<PingProbe.Running> runs, double[] idleMedians, double startEpoch)
            throws IOException, InterruptedException {
        List<Double> added = new ArrayList<>();
        PingOutput.Loss loss = new PingOutput.Loss(0, 0);
        for (int i = 0; i < runs.size(); i++) {
            PingProbe.Running run = runs.get(i);
            List<PingOutput.Reply> replies = PingOutput.sentBetween(run.await(), startEpoch + RAMP_UP_S,
                    startEpoch + run.seconds());
            loss = loss.plus(PingOutput.loss(replies));
            for (PingOutput.Reply r : replies) {
                added.add(r.rttMs() - idleMedians[i]);
            }
        }
        double[] values = added.stream().mapToDouble(Double::doubleValue).toArray();
        return new PingStats(new LinkRow.Latency(Percentiles.of(values, 50), Percentiles.of(values, 99)), loss);
    }

    private long[] wanBytes(Direction d) throws IOException {
        long[] bytes = new long[bed.linkCount()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bed.wanBytes(i, d);
        }
        return bytes;
    }

    static double[] shares(long[] before, long[] after) {
        long total = 0;
        for (int i = 0; i < after.length; i++) {
            total += after[i] - before[i];
        }
        double[] shares = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            shares[i] = total == 0 ? 0 : (double) (after[i] - before[i]) / total;
        }
        return shares;
    }

    /**
     * Whether MPTCP really used several subflows: joins the server answered during the row, and
     * how many links carried at least 1% of the bytes. Says so plainly when it fell back to one path.
     */
    static String subflowNote(Map<String, Long> before, Map<String, Long> after, double[] shares) {
        long joins = after.getOrDefault(Mptcp.JOINS, 0L) - before.getOrDefault(Mptcp.JOINS, 0L);
        long capable = after.getOrDefault(Mptcp.CAPABLE, 0L) - before.getOrDefault(Mptcp.CAPABLE, 0L);
        long used = java.util.Arrays.stream(shares).filter(s -> s >= 0.01).count();
        String note = String.format(Locale.ROOT, "%d MPTCP conns, %d joins, %d links used", capable, joins, used);
        if (capable == 0) {
            return note + "; NOT MPTCP: fell back to plain TCP";
        }
        if (joins == 0 || used < 2) {
            return note + "; ONE PATH ONLY";
        }
        return note;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
