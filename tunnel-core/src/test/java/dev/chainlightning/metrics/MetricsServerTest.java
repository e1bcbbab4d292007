package dev.chainlightning.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.engine.Session;
import dev.chainlightning.engine.TestSessions;
import dev.chainlightning.engine.TunnelCounters;
import dev.chainlightning.link.Link;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint on a free loopback port. */
class MetricsServerTest {
    private static final long MS = 1_000_000L;

    private final AtomicReference<Session> current = new AtomicReference<>();
    private final TunnelCounters counters = new TunnelCounters();
    private final HttpClient http = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() throws IOException {
        TunnelMetrics metrics = new TunnelMetrics(new MetricsSource("server", current::get, counters));
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        URI uri = URI.create("http://" + server.hostPort() + path);
        return http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return request("GET", path);
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        counters.tunIn.addAndGet(42);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE chainlightning_tun_read_packets_total counter")
                .contains("chainlightning_tun_read_packets_total{role=\"server\"} 42.0");
    }

    @Test
    void healthzSaysOkWhileTheProcessRuns() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzIs503WithTheReasonUntilALinkIsUp() throws Exception {
        HttpResponse<String> before = get("/readyz");
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).isEqualTo("no session: no handshake with the peer yet\n");

        Session session = TestSessions.session(1);
        long now = System.nanoTime();
        TestSessions.completeHandshake(session, now);
        Link link = new Link(0, "link0", 0, null, new InetSocketAddress("127.0.0.1", 9), false, 100 * MS);
        link.health().markAlive(now);
        session.striper().register(link);
        current.set(session);

        HttpResponse<String> after = get("/readyz");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("ok\n");
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
        HttpResponse<String> post = request("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        HttpResponse<String> head = request("HEAD", "/healthz");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aPortInUseIsAnErrorNamingTheKey() {
        InetSocketAddress taken = server.address();

        assertThatThrownBy(() -> MetricsServer.start(taken, new TunnelMetrics(new MetricsSource("server", current::get, counters))))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("[metrics] listen: cannot listen on 127.0.0.1:" + taken.getPort() + ": ")
                .hasMessageContaining("in use");
    }
}
