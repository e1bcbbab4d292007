package dev.chainlightning.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainlightning.engine.Session;
import dev.chainlightning.engine.TestSessions;
import dev.chainlightning.engine.TunnelCounters;
import dev.chainlightning.link.Link;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every metric the Grafana dashboard (deploy/grafana) queries is one a running end exports. */
class DashboardMetricsTest {
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "chainlightning.json");
    private static final Pattern METRIC = Pattern.compile("chainlightning_[a-z_]+");

    @Test
    void theDashboardQueriesOnlyExportedMetrics() throws Exception {
        Set<String> queried = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10);

        Session session = TestSessions.session(1);
        session.striper().register(new Link(0, "a", 10, null, new InetSocketAddress("127.0.0.1", 9), true, 100_000_000L));
        String scrape = new TunnelMetrics(new MetricsSource("client", () -> session, new TunnelCounters())).scrape();
        Set<String> exported = Scrape.parse(scrape).keySet().stream()
                .map(sample -> sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(exported).containsAll(queried);
    }
}
