package dev.chainlightning.util;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One line per event that matters, to standard error, with time and level. Never called per
 * packet. Kept tiny on purpose; the level comes from {@code CL_LOG_LEVEL} (debug, info, warn, error).
 */
public final class Log {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static volatile Level threshold = parse(System.getenv("CL_LOG_LEVEL"));

    private Log() {
    }

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static void debug(String message) {
        write(Level.DEBUG, message);
    }

    public static void info(String message) {
        write(Level.INFO, message);
    }

    public static void warn(String message) {
        write(Level.WARN, message);
    }

    public static void error(String message) {
        write(Level.ERROR, message);
    }

    private static void write(Level level, String message) {
        if (level.ordinal() >= threshold.ordinal()) {
            System.err.println(TIME.format(LocalDateTime.now()) + " " + level + " " + message);
        }
    }

    private static Level parse(String value) {
        if (value == null) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
