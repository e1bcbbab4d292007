package dev.chainlightning.operator.plan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rotation interval such as "30d", "720h" or "1h30m". */
public final class Intervals {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
    private static final Pattern WHOLE = Pattern.compile("(\\d+[dhms])+");

    private Intervals() {
    }

    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an interval such as 720h, 30d or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text.strip());
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (total.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("'" + text + "' is under a minute; every rotation restarts the tunnel");
        }
        return total;
    }
}
