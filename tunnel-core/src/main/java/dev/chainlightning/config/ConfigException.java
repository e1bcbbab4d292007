package dev.chainlightning.config;

/**
 * A configuration problem, reported as exactly one line: {@code "<file>: <key>: <reason>"}
 * (or {@code "<file>: <reason>"} when no single key is to blame, e.g. the file cannot be read).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String key;
    private final String reason;

    /**
     * @param file   the config file as the user named it
     * @param key    the offending key, e.g. {@code "[links] source_ips[1]"}; null if none applies
     * @param reason what is wrong, in a few words
     */
    public ConfigException(String file, String key, String reason) {
        super(oneLine(key == null ? file + ": " + reason : file + ": " + key + ": " + reason));
        this.file = file;
        this.key = key;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** The offending key, or null when the problem is not tied to one key. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }

    // Callers print the message as a single log/console line, so no control character may split it.
    private static String oneLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? ' ' : c);
        }
        return b.toString();
    }
}
