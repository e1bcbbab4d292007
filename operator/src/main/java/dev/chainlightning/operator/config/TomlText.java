package dev.chainlightning.operator.config;

import java.util.List;
import java.util.stream.Collectors;

/** Writes the few TOML forms the tunnel's config uses: sections, strings, integers, string arrays, comments. */
final class TomlText {
    private final StringBuilder text = new StringBuilder();

    TomlText comment(String line) {
        text.append("# ").append(line).append('\n');
        return this;
    }

    TomlText section(String name) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append('[').append(name).append("]\n");
        return this;
    }

    TomlText string(String key, String value) {
        text.append(key).append(" = ").append(quote(value)).append('\n');
        return this;
    }

    TomlText integer(String key, long value) {
        text.append(key).append(" = ").append(value).append('\n');
        return this;
    }

    TomlText strings(String key, List<String> values) {
        text.append(key).append(" = [").append(values.stream().map(TomlText::quote).collect(Collectors.joining(", ")))
                .append("]\n");
        return this;
    }

    /** A basic string: backslash, quote and control characters escaped, so no value can break the file. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
