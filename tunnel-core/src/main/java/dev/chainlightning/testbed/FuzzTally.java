package dev.chainlightning.testbed;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fuzzer run sent, per kind. The fuzzer process prints it as lines
 * ({@code fuzz sent FLIP 15023}, then {@code fuzz total ...}); whoever started it parses them back.
 */
public record FuzzTally(Map<FuzzKind, Long> sent, long sendErrors, double seconds) {
    private static final Pattern SENT = Pattern.compile("^fuzz sent ([A-Z_]+) (\\d+)$", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("^fuzz total (\\d+) send_errors (\\d+) seconds ([0-9.]+)$", Pattern.MULTILINE);

    public FuzzTally {
        sent = Map.copyOf(sent);
    }

    public long sent(FuzzKind kind) {
        return sent.getOrDefault(kind, 0L);
    }

    public long total() {
        return sent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Genuine packets sent again, which only the replay window tells apart. */
    public long replays() {
        return sent.entrySet().stream().filter(e -> e.getKey().isReplay()).mapToLong(Map.Entry::getValue).sum();
    }

    public String format() {
        StringBuilder text = new StringBuilder();
        for (FuzzKind kind : FuzzKind.values()) {
            text.append("fuzz sent ").append(kind.name()).append(' ').append(sent(kind)).append('\n');
        }
        text.append(String.format(Locale.ROOT, "fuzz total %d send_errors %d seconds %.2f%n", total(), sendErrors, seconds));
        return text.toString();
    }

    /** Reads {@link #format()}'s lines out of a log; fails when the total line is missing (the fuzzer did not finish). */
    public static FuzzTally parse(String log) throws IOException {
        Matcher total = TOTAL.matcher(log);
        if (!total.find()) {
            throw new IOException("no 'fuzz total' line: the fuzzer did not finish\n" + log);
        }
        Map<FuzzKind, Long> sent = new EnumMap<>(FuzzKind.class);
        Matcher m = SENT.matcher(log);
        while (m.find()) {
            sent.put(FuzzKind.valueOf(m.group(1)), Long.parseLong(m.group(2)));
        }
        FuzzTally tally = new FuzzTally(sent, Long.parseLong(total.group(2)), Double.parseDouble(total.group(3)));
        if (tally.total() != Long.parseLong(total.group(1))) {
            throw new IOException("fuzz kinds add up to " + tally.total() + ", total says " + total.group(1) + "\n" + log);
        }
        return tally;
    }
}
