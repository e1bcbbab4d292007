package dev.chainlightning.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A stream of pings from the client namespace to one target, optionally from one source address
 * (to pin it to one link), with a given payload size: 56 bytes is ping's default (an 84-byte IP
 * packet), 1372 bytes makes a 1400-byte IP packet, as large as a bulk TCP segment in the tunnel.
 * Used twice per measurement: idle, for the baseline, and during a transfer, for the delay the
 * load adds. Each reply carries its arrival time ({@code ping -D}) so samples can be windowed.
 */
public record PingProbe(String target, String source, int payloadBytes, double intervalSeconds) {

    public static final int SMALL = 56;
    public static final int LARGE = 1372;

    /** A ping process that stops by itself after its deadline, so its output is complete. */
    public record Running(Process process, Path log, int seconds) {

        public List<PingOutput.Reply> await() throws IOException, InterruptedException {
            if (!process.waitFor(seconds + 10L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("ping did not stop after " + seconds + " s: " + log);
            }
            return PingOutput.parse(Files.readString(log));
        }
    }

    /** Starts pinging for {@code seconds} (ping's own deadline, {@code -w}). */
    public Running start(TestBed bed, Path log, int seconds) throws IOException {
        return new Running(bed.start(bed.clientNs(), command("-w", Integer.toString(seconds)), log), log, seconds);
    }

    /**
     * The median round trip of pings at this probe's interval for about {@code seconds}, at idle.
     * Same size and interval as under load, because a tunnel kept busy by frequent pings answers
     * faster than one woken from sleep; the difference is then the load's alone.
     */
    public double idleMedianMs(TestBed bed, double seconds) throws IOException {
        int count = Math.max(10, (int) Math.round(seconds / intervalSeconds));
        List<String> cmd = command("-c", Integer.toString(count));
        CommandResult r = bed.exec(bed.clientNs(), cmd.toArray(String[]::new));
        List<PingOutput.Reply> replies = PingOutput.parse(r.stdout());
        if (replies.size() < count / 2) {
            throw new IOException("idle ping to " + target + " got " + replies.size() + " of " + count
                    + " replies:\n" + r.stdout() + r.stderr());
        }
        return Percentiles.median(PingOutput.rtts(replies));
    }

    private List<String> command(String limitFlag, String limit) {
        List<String> cmd = new ArrayList<>(List.of("ping", "-D", "-n", "-W", "2", "-s", Integer.toString(payloadBytes),
                "-i", String.format(Locale.ROOT, "%.3f", intervalSeconds), limitFlag, limit));
        if (source != null) {
            cmd.addAll(List.of("-I", source));
        }
        cmd.add(target);
        return cmd;
    }
}
