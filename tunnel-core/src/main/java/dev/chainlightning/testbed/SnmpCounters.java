package dev.chainlightning.testbed;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's protocol counters of one namespace ({@code /proc/net/snmp}, per network
 * namespace), by "Section.Name", e.g. {@code Udp.RcvbufErrors}: datagrams the kernel dropped
 * before any socket saw them.
 */
public record SnmpCounters(Map<String, Long> values) {

    public static SnmpCounters read(TestBed bed, String ns) throws IOException {
        return parse(bed.execOrThrow(ns, "cat", "/proc/net/snmp").stdout());
    }

    /** The file pairs a line of names with a line of values, both starting "Section:". */
    static SnmpCounters parse(String text) {
        Map<String, Long> values = new HashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String[] names = lines[i].trim().split("\\s+");
            String[] numbers = lines[i + 1].trim().split("\\s+");
            String section = names[0].replace(":", "");
            for (int k = 1; k < Math.min(names.length, numbers.length); k++) {
                values.put(section + "." + names[k], Long.parseLong(numbers[k]));
            }
        }
        return new SnmpCounters(Map.copyOf(values));
    }

    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }

    public long since(SnmpCounters before, String name) {
        return get(name) - before.get(name);
    }
}
