package dev.chainlightning.testbed;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a link was marked down, read from a tunnel's log: its "link X is down (...)" and "link
 * X is up" lines, timed by their timestamps.
 */
public final class LinkDowntime {
    private static final Pattern STATE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) INFO link (\\S+) is (down|up)\\b", Pattern.MULTILINE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private LinkDowntime() {
    }

    /**
     * The longest time {@code link} spent down, from a down line to the next up line; a down with
     * no up after it lasts {@link Duration#ofSeconds} of {@link Long#MAX_VALUE}. Zero when it never went down.
     */
    public static Duration longest(String log, String link) {
        Duration longest = Duration.ZERO;
        LocalDateTime downSince = null;
        Matcher m = STATE.matcher(log);
        while (m.find()) {
            if (!m.group(2).equals(link)) {
                continue;
            }
            LocalDateTime at = LocalDateTime.parse(m.group(1), TIME);
            if (m.group(3).equals("down")) {
                downSince = downSince == null ? at : downSince;
            } else if (downSince != null) {
                Duration down = Duration.between(downSince, at);
                longest = down.compareTo(longest) > 0 ? down : longest;
                downSince = null;
            }
        }
        return downSince == null ? longest : Duration.ofSeconds(Long.MAX_VALUE);
    }
}
