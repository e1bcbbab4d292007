package dev.chainlightning.cli;

import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.LinkSpec;
import dev.chainlightning.testbed.TestBed;
import dev.chainlightning.testbed.TestBed.Direction;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * {@code demo}: on this machine, as root, builds the 3-link test network (20, 30 and 50 Mbit/s,
 * NATed like real ISPs), starts server and client, pushes one TCP upload and then one download
 * through the tunnel while a per-link table refreshes every second, prints a summary and removes
 * everything again, also on Ctrl-C.
 */
final class DemoCommand {
    private static final List<LinkSpec> LINKS = List.of(new LinkSpec(20, 20), new LinkSpec(30, 30), new LinkSpec(50, 50));

    private DemoCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int seconds = parseSeconds(args);
        if (!TestBed.isRoot()) {
            err.println("chainlightning demo: needs root (it creates network namespaces and TUN devices); run: sudo bin/chainlightning demo");
            return 1;
        }
        if (!TestBed.missingTools().isEmpty()) {
            err.println("chainlightning demo: missing tools " + TestBed.missingTools() + "; run: sudo bin/install-deps");
            return 1;
        }
        // Ctrl-C ends the running phase at its next tick; the try-with-resources below removes everything.
        AtomicBoolean stop = new AtomicBoolean();
        Signal.handle(new Signal("INT"), s -> stop.set(true));
        Signal.handle(new Signal("TERM"), s -> stop.set(true));
        out.println("Building a test network: client gateway with 3 WAN links (20, 30, 50 Mbit/s each way, NAT) -> server.");
        try (TestBed bed = TestBed.create(LINKS)) {
            Path dir = Files.createTempDirectory("chainlightning-demo-");
            try (TunnelOnTestBed tunnel = TunnelOnTestBed.start(bed, dir, "", "rates_mbit = [20, 30, 50]")) {
                out.println("Tunnel up: client " + TunnelOnTestBed.CLIENT_TUN_IP + " <-> server " + TunnelOnTestBed.SERVER_TUN_IP
                        + " (logs in " + dir + ")");
                int half = Math.max(2, seconds / 2);
                Phase upload = runPhase(bed, tunnel, dir, "upload", half, false, out, stop);
                Phase download = stop.get() ? null : runPhase(bed, tunnel, dir, "download", half, true, out, stop);
                if (stop.get()) {
                    out.println();
                    out.println("Interrupted; removing the test network.");
                    return 130;
                }
                out.println();
                out.println("Summary (one TCP flow each way; link sum 100 Mbit/s; link rates measured on the emulated WAN links):");
                out.printf("  %-9s %13s %13s %13s %11s %12s %9s%n", "direction", "10.10.0.2", "10.10.1.2", "10.10.2.2",
                        "wire total", "TCP goodput", "/link sum");
                upload.print(out);
                download.print(out);
                out.println("Cleaning up the test network.");
            }
            return 0;
        } catch (IOException e) {
            err.println("chainlightning demo: " + e.getMessage().lines().findFirst().orElse("failed"));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static int parseSeconds(String[] args) {
        if (args.length == 0) {
            return 20;
        }
        if (args.length == 2 && args[0].equals("--seconds")) {
            try {
                int n = Integer.parseInt(args[1]);
                if (n >= 4 && n <= 600) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Main.UsageException("--seconds takes a whole number from 4 to 600, got '" + args[1] + "'");
        }
        throw new Main.UsageException("unknown argument '" + args[0] + "' (expected --seconds N)");
    }

    /** Runs one iperf3 flow and shows the per-link table every second. */
    private static Phase runPhase(TestBed bed, TunnelOnTestBed tunnel, Path dir, String name, int seconds, boolean reverse,
                                  PrintStream out, AtomicBoolean stop) throws IOException, InterruptedException {
        Direction direction = reverse ? Direction.DOWN : Direction.UP;
        out.println();
        out.println(name + ": one TCP flow " + (reverse ? "server -> client" : "client -> server") + " for " + seconds + " s");
        Process server = Iperf.startServer(bed, dir.resolve(name + "-server.log"));
        Path json = dir.resolve(name + ".json");
        Process client = Iperf.startClient(bed, seconds, reverse, json);
        LinkTable table = new LinkTable(out, System.console() != null, LINKS);
        long[] start = bytes(bed, direction);
        long[] previous = start;
        long startNanos = System.nanoTime();
        long previousNanos = startNanos;
        while (client.isAlive() && !stop.get()) {
            client.waitFor(1, TimeUnit.SECONDS);
            long now = System.nanoTime();
            long[] current = bytes(bed, direction);
            table.show(current, previous, (now - previousNanos) / 1e9, tunnel.log("client"));
            previous = current;
            previousNanos = now;
        }
        if (stop.get()) {
            return null;
        }
        server.waitFor(5, TimeUnit.SECONDS);
        double elapsed = (previousNanos - startNanos) / 1e9;
        Iperf.Result result = client.exitValue() == 0 ? Iperf.parse(Files.readString(json)) : null;
        return new Phase(name, start, previous, elapsed, result);
    }

    private static long[] bytes(TestBed bed, Direction direction) throws IOException {
        long[] bytes = new long[LINKS.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = bed.wanBytes(i, direction);
        }
        return bytes;
    }

    /** What one direction achieved, per link and in total, measured on the emulated WAN links themselves. */
    private record Phase(String name, long[] start, long[] end, double seconds, Iperf.Result iperf) {
        void print(PrintStream out) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-9s", name));
            double sum = 0;
            for (int i = 0; i < start.length; i++) {
                double mbit = (end[i] - start[i]) * 8 / seconds / 1e6;
                sum += mbit;
                row.append(String.format(Locale.ROOT, " %6.1f (%3.0f%%)", mbit, 100 * mbit / LINKS.get(i).upMbit()));
            }
            row.append(String.format(Locale.ROOT, " %6.1f Mbit", sum));
            if (iperf != null) {
                row.append(String.format(Locale.ROOT, " %7.1f Mbit %8.1f%%", iperf.receivedMbit(), iperf.receivedMbit()));
            } else {
                row.append("  iperf3 failed (see its log)");
            }
            out.println(row);
        }
    }
}
