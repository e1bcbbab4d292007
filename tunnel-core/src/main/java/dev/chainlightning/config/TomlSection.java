package dev.chainlightning.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code [section]} of the parsed TOML tree, with typed getters whose errors name the exact key
 * ({@code "[links] source_ips[1]"}). Getters taking a {@code label} read an already fetched node, such
 * as an array element, and use the label as the key in errors.
 */
final class TomlSection {
    private static final int MAX_SHOWN_CHARS = 64;

    private final String file;
    private final String name;
    private final JsonNode table;

    private TomlSection(String file, String name, JsonNode table) {
        this.file = file;
        this.name = name;
        this.table = table;
    }

    /**
     * Section {@code name} of {@code root}; a missing section reads as empty so its defaults apply.
     * Unknown keys are rejected up front so that a typo is reported as such, not as a missing key.
     */
    static TomlSection of(String file, JsonNode root, String name, Map<String, List<String>> schema)
            throws ConfigException {
        JsonNode table = root.get(name);
        if (table == null) {
            table = JsonNodeFactory.instance.objectNode();
        } else if (!table.isObject()) {
            throw new ConfigException(file, "[" + name + "]", "expected a table, got " + describe(table));
        }
        TomlSection section = new TomlSection(file, name, table);
        section.rejectUnknownKeys(schema);
        return section;
    }

    private void rejectUnknownKeys(Map<String, List<String>> schema) throws ConfigException {
        List<String> known = schema.get(name);
        for (String key : fieldNames(table)) {
            if (known.contains(key)) {
                continue;
            }
            String home = sectionDefining(key, schema);
            if (home != null) {
                throw error(key, "unknown key (it belongs in [" + home + "])");
            }
            String guess = Suggestions.closest(key, known);
            throw error(key, guess == null ? "unknown key" : "unknown key (did you mean " + guess + "?)");
        }
    }

    static String sectionDefining(String key, Map<String, List<String>> schema) {
        for (Map.Entry<String, List<String>> e : schema.entrySet()) {
            if (e.getValue().contains(key)) {
                return e.getKey();
            }
        }
        return null;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    ConfigException error(String label, String reason) {
        return new ConfigException(file, "[" + name + "] " + label, reason);
    }

    /** The raw value, or null if the key is absent. */
    JsonNode get(String key) {
        return table.get(key);
    }

    JsonNode require(String key) throws ConfigException {
        JsonNode n = table.get(key);
        if (n == null) {
            throw error(key, "missing required key");
        }
        return n;
    }

    // ---- integers: TOML floats are rejected even when whole (3.0), since they suggest a mistake

    int integer(String key, int dflt, int min, int max) throws ConfigException {
        JsonNode n = get(key);
        return n == null ? dflt : integerValue(key, n, min, max);
    }

    int integerValue(String label, JsonNode n, int min, int max) throws ConfigException {
        if (!n.isIntegralNumber()) {
            throw error(label, "expected an integer, got " + describe(n));
        }
        BigInteger v = n.bigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(label, "must be between " + min + " and " + max + ", got " + v);
        }
        return v.intValue();
    }

    // ---- numbers: integers are fine where a float is expected

    /** A non-negative finite number, or {@code dflt} if absent. */
    double nonNegative(String key, double dflt) throws ConfigException {
        JsonNode n = get(key);
        if (n == null) {
            return dflt;
        }
        double v = numberValue(key, n);
        if (v < 0) {
            throw error(key, "must be >= 0, got " + show(n));
        }
        return v;
    }

    double numberValue(String label, JsonNode n) throws ConfigException {
        if (!n.isNumber()) {
            throw error(label, "expected a number, got " + describe(n));
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw error(label, "must be a finite number, got " + show(n));
        }
        return v;
    }

    // ---- booleans

    boolean bool(String key, boolean dflt) throws ConfigException {
        JsonNode n = get(key);
        if (n == null) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw error(key, "expected true or false, got " + describe(n));
        }
        return n.booleanValue();
    }

    // ---- strings

    /** The string value, or {@code dflt} (may be null) if absent. */
    String string(String key, String dflt) throws ConfigException {
        JsonNode n = get(key);
        return n == null ? dflt : stringValue(key, n);
    }

    String requiredString(String key) throws ConfigException {
        return stringValue(key, require(key));
    }

    String stringValue(String label, JsonNode n) throws ConfigException {
        if (!n.isTextual()) {
            throw error(label, "expected a string, got " + describe(n));
        }
        return n.textValue();
    }

    // ---- addresses

    /** An IPv4 or IPv6 address, or null if absent. */
    InetAddress ip(String key) throws ConfigException {
        JsonNode n = get(key);
        return n == null ? null : ipValue(key, n);
    }

    InetAddress ipValue(String label, JsonNode n) throws ConfigException {
        String s = stringValue(label, n);
        InetAddress a = IpLiterals.parse(s);
        if (a == null) {
            throw error(label, quote(s, '\'') + " is not an IPv4 or IPv6 address");
        }
        return a;
    }

    Inet4Address requiredIpv4(String key) throws ConfigException {
        String s = stringValue(key, require(key));
        Inet4Address a = IpLiterals.parseV4(s);
        if (a == null) {
            throw error(key, quote(s, '\'') + " is not an IPv4 address");
        }
        return a;
    }

    // ---- arrays

    /** The array's elements, or null if absent. */
    List<JsonNode> array(String key) throws ConfigException {
        JsonNode n = get(key);
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            throw error(key, "expected an array, got " + describe(n));
        }
        List<JsonNode> elements = new ArrayList<>(n.size());
        n.elements().forEachRemaining(elements::add);
        return elements;
    }

    // ---- describing values in messages

    /** The TOML type and value, e.g. {@code string "9001x"} or {@code float 1.5}. */
    static String describe(JsonNode n) {
        if (n.isTextual()) {
            return "string " + quote(n.textValue(), '"');
        }
        if (n.isIntegralNumber()) {
            return "integer " + show(n);
        }
        if (n.isNumber()) {
            return "float " + show(n);
        }
        if (n.isBoolean()) {
            return "boolean " + n.booleanValue();
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isObject()) {
            return "table";
        }
        if (n instanceof POJONode p) {
            return "date/time " + p.getPojo();
        }
        return n.getNodeType().toString().toLowerCase();
    }

    /** A number as the user would recognise it (TOML's inf/nan are DoubleNodes). */
    static String show(JsonNode n) {
        if (n.isBigDecimal()) {
            return n.decimalValue().toString();
        }
        return n.asText();
    }

    /** Quotes a user-supplied string, escaping anything that could break the one-line message. */
    static String quote(String s, char q) {
        StringBuilder b = new StringBuilder(s.length() + 2).append(q);
        int shown = Math.min(s.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c == q || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (shown < s.length()) {
            b.append("...");
        }
        return b.append(q).toString();
    }
}
