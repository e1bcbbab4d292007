package dev.chainlightning.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.metrics.Scrape;
import dev.chainlightning.testbed.CommandResult;
import dev.chainlightning.testbed.Iperf;
import dev.chainlightning.testbed.NeedsRoot;
import dev.chainlightning.testbed.TunnelOnTestBed;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metrics endpoint of both ends, scraped with curl inside each end's namespace (each has its
 * own loopback, so both listen on 127.0.0.1:9100): traffic shows on every link, /readyz says
 * ready, and a cut link shows as down within about a second. Needs root; on CI it always runs.
 */
@NeedsRoot
class MetricsEndToEndTest extends ThreeLinkStreamTest {
    private static final String LISTEN = "listen = \"127.0.0.1:9100\"";
    private static final String URL = "http://127.0.0.1:9100";

    @Test
    void everyLinkCountsTrafficAndACutLinkShowsDown() throws Exception {
        tunnel = TunnelOnTestBed.start(bed, dir.resolve("metrics"), "", RATES, "", "", LISTEN);
        assertThat(status(bed.clientNs(), "/readyz")).isEqualTo("200");
        assertThat(status(bed.serverNs(), "/readyz")).isEqualTo("200");
        assertThat(status(bed.clientNs(), "/healthz")).isEqualTo("200");

        // Scraped twice during a transfer, 2 s apart; 40 Mbit/s needs all three links (20, 30, 50).
        Iperf.Transfer transfer = Iperf.Transfer.start(bed, dir, "metrics", 4, false, List.of("-u", "-b", "40M", "-l", "1200"));
        Thread.sleep(1000);
        Map<String, Double> clientBefore = scrape(bed.clientNs());
        Map<String, Double> serverBefore = scrape(bed.serverNs());
        Thread.sleep(2000);
        Map<String, Double> clientAfter = scrape(bed.clientNs());
        Map<String, Double> serverAfter = scrape(bed.serverNs());
        transfer.awaitReport();

        for (int i = 0; i < bed.linkCount(); i++) {
            String clientTx = "chainlightning_link_tx_bytes_total{link=\"" + clientLink(i) + "\",role=\"client\"}";
            String serverRx = "chainlightning_link_rx_bytes_total{link=\"link" + i + "\",role=\"server\"}";
            String serverTx = "chainlightning_link_tx_bytes_total{link=\"link" + i + "\",role=\"server\"}";
            // 2 s at 40 Mbit/s is 10 MB; every link carries at least a few hundred kB of it.
            assertThat(clientAfter.get(clientTx) - clientBefore.getOrDefault(clientTx, 0.0)).as(clientTx).isGreaterThan(300_000);
            assertThat(serverAfter.get(serverRx) - serverBefore.getOrDefault(serverRx, 0.0)).as(serverRx).isGreaterThan(300_000);
            // The server sends little back (heartbeats, their answers, loss reports), but on every link.
            assertThat(serverAfter.get(serverTx) - serverBefore.getOrDefault(serverTx, 0.0)).as(serverTx).isGreaterThan(0);
            assertThat(clientAfter).containsEntry("chainlightning_link_up{link=\"" + clientLink(i) + "\",role=\"client\"}", 1.0);
        }
        assertThat(clientAfter.get("chainlightning_tun_read_packets_total{role=\"client\"}"))
                .isGreaterThan(clientBefore.get("chainlightning_tun_read_packets_total{role=\"client\"}") + 5000); // 2 s: ~8300
        assertThat(serverAfter.get("chainlightning_handshakes_total{role=\"server\"}")).isGreaterThanOrEqualTo(1.0);

        long cut = System.nanoTime();
        bed.cutLink(0);
        String down = "chainlightning_link_state{link=\"" + clientLink(0) + "\",role=\"client\",state=\"down\"}";
        double seconds = -1;
        while (System.nanoTime() - cut < 3_000_000_000L) {
            if (scrape(bed.clientNs()).get(down) == 1.0) {
                seconds = (System.nanoTime() - cut) / 1e9;
                break;
            }
            Thread.sleep(50);
        }
        System.out.printf("cut link down in the metrics after %.2f s%n", seconds);
        // Three missed heartbeats at 100 ms make a link down; a scrape (curl in a namespace) adds a little.
        assertThat(seconds).as("seconds until the cut link's state metric said down").isBetween(0.0, 1.2);
        assertThat(scrape(bed.clientNs())).containsEntry("chainlightning_link_up{link=\"" + clientLink(0) + "\",role=\"client\"}", 0.0)
                .containsEntry("chainlightning_link_up{link=\"" + clientLink(1) + "\",role=\"client\"}", 1.0);
        assertThat(status(bed.clientNs(), "/readyz")).as("two links are still up").isEqualTo("200");
        assertThat(scrape(bed.clientNs()).get("chainlightning_failovers_total{role=\"client\"}"))
                .as("the cut counted as a failover").isGreaterThanOrEqualTo(1.0);

        // chainlightning status, as a user runs it on the gateway: the table and the JSON.
        String table = statusCommand(bed.clientNs(), "--once");
        assertThat(table).contains("chainlightning client, session");
        assertThat(table).containsPattern(java.util.regex.Pattern.quote(clientLink(0)) + " +down");
        assertThat(table).containsPattern(java.util.regex.Pattern.quote(clientLink(1)) + " +up");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(statusCommand(bed.serverNs(), "--json"));
        assertThat(json.path("role").asText()).isEqualTo("server");
        assertThat(json.path("links")).hasSize(3);
        assertThat(json.path("handshakes").asInt()).isGreaterThanOrEqualTo(1);
    }

    /** {@code chainlightning status ARG} in a namespace, on this JVM's classpath; its standard output. */
    private static String statusCommand(String ns, String arg) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        CommandResult r = bed.execOrThrow(ns, java, "-cp", System.getProperty("java.class.path"), "dev.chainlightning.cli.Main",
                "status", arg);
        return r.stdout();
    }

    /** The client's name for link i: its source address and its number on that WAN. */
    private static String clientLink(int i) {
        return bed.clientLinkIp(i) + "#0";
    }

    private static Map<String, Double> scrape(String ns) throws IOException {
        CommandResult r = bed.execOrThrow(ns, "curl", "-sS", "--max-time", "2", URL + "/metrics");
        return Scrape.parse(r.stdout());
    }

    private static String status(String ns, String path) throws IOException {
        return bed.execOrThrow(ns, "curl", "-sS", "--max-time", "2", "-o", "/dev/null", "-w", "%{http_code}", URL + path).stdout().trim();
    }
}
