package dev.chainlightning.testbed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What /proc says about a running process: its resident memory and the CPU each of its threads used. */
final class ProcStats {
    private ProcStats() {
    }

    /** Resident set size in KiB ({@code VmRSS} of /proc/PID/status). */
    static long rssKib(long pid) throws IOException {
        return parseRssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    static long parseRssKib(String status) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no VmRSS line in /proc status");
    }

    /**
     * User plus system clock ticks of each live thread, keyed by "name/tid" (JVM threads name
     * themselves, so the busiest one says which part of the tunnel is the bottleneck).
     */
    static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    ticks.put(name + "/" + task.getFileName(), ticksOf(Files.readString(task.resolve("stat"))));
                } catch (NoSuchFileException e) {
                    // the thread ended while we looked
                }
            }
        }
        return ticks;
    }

    /** Fields 14 and 15 (utime, stime) of a /proc stat line; the name in parentheses may hold spaces. */
    static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
