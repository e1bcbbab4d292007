package dev.chainlightning.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches how many bytes a receiving process has read: polls {@code rchar} in
 * {@code /proc/PID/io} every {@value #POLL_MS} ms and keeps the instants at which it grew.
 * {@code rchar} counts every byte the process got from {@code read()}, so it moves exactly when
 * the application receives data (iperf3 reads its sockets with read()); data held in the kernel
 * behind a hole left by a lost packet does not count, which is the stall a user sees.
 * Reading a /proc file costs tens of microseconds and no process start, so polling this often
 * barely loads the machine.
 *
 * <p>On a busy 2-core machine an ordinary thread is woken tens of ms late, and every late poll
 * would read as a stall. So the poller asks for real-time priority ({@code chrt -f}, SCHED_FIFO):
 * it then runs within a few µs of its timer at the cost of about 2% of one core. Whether it got
 * it, and the longest time between two polls (the resolution actually achieved), are reported.
 */
public final class StallMeter implements AutoCloseable {

    static final int POLL_MS = 2;
    static final int RT_PRIORITY = 10;

    private final Path io;
    private final Thread thread;
    private volatile boolean running = true;
    private long[] progress = new long[4096];
    private int count;
    private long longestPollGapNanos;
    private volatile boolean realtime;

    private StallMeter(long pid) {
        this.io = Path.of("/proc", Long.toString(pid), "io");
        this.thread = Thread.ofPlatform().daemon().name("stall-meter-" + pid).unstarted(this::poll);
    }

    /** Starts watching the process with this pid (it must be able to read /proc/PID/io: root). */
    public static StallMeter start(long pid) throws IOException {
        StallMeter meter = new StallMeter(pid);
        readChars(meter.io); // fail now, not silently later
        meter.thread.start();
        return meter;
    }

    private void poll() {
        realtime = raisePriority();
        long last = -1;
        long previousPoll = System.nanoTime();
        while (running) {
            long chars;
            try {
                chars = readChars(io);
            } catch (IOException | RuntimeException e) {
                return; // the process ended
            }
            long now = System.nanoTime();
            synchronized (this) {
                longestPollGapNanos = Math.max(longestPollGapNanos, now - previousPoll);
                if (last >= 0 && chars > last) {
                    if (count == progress.length) {
                        progress = Arrays.copyOf(progress, count * 2);
                    }
                    progress[count++] = now;
                }
            }
            previousPoll = now;
            last = chars;
            LockSupport.parkNanos(POLL_MS * 1_000_000L);
        }
    }

    /** SCHED_FIFO for the calling thread; its kernel thread id is the last part of /proc/thread-self. */
    private static boolean raisePriority() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            String tid = self.getFileName().toString();
            return Shell.run(List.of("chrt", "-f", "-p", Integer.toString(RT_PRIORITY), tid)).ok();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static long readChars(Path io) throws IOException {
        for (String line : Files.readAllLines(io)) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring("rchar:".length()).strip());
            }
        }
        throw new IOException("no rchar in " + io);
    }

    /** The longest stall within [from, to] (nanoTime), as far as polled so far. */
    public synchronized Stalls.Stall longest(long from, long to) {
        return Stalls.longest(Arrays.copyOf(progress, count), from, to);
    }

    /** The longest time between two polls: the resolution actually achieved (a busy machine wakes the poller late). */
    public synchronized double longestPollGapMillis() {
        return longestPollGapNanos / 1e6;
    }

    /** Whether the poller runs at real-time priority (else late wake-ups may read as stalls). */
    public boolean realtime() {
        return realtime;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
