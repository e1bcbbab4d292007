package dev.chainlightning.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** A scrape in the Prometheus text format as a map from {@code name{labels}} to value, for assertions. */
public final class Scrape {
    private Scrape() {
    }

    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }
}
