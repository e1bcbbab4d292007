package dev.chainlightning.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The HTTP endpoint of {@code [metrics] listen}, on the JDK's own HTTP server:
 * <ul>
 *   <li>{@code /metrics}: every metric in the Prometheus text format;</li>
 *   <li>{@code /healthz}: 200 "ok" while the process runs (liveness);</li>
 *   <li>{@code /readyz}: 200 "ok" when the tunnel can carry traffic, else 503 and the reason.</li>
 * </ul>
 * One daemon thread answers all requests, one at a time: scrapes are rare and cheap, and a
 * single thread keeps whatever a scrape does away from the tunnel's own threads.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code listen} and starts answering. A failure to bind (the port is in use, the
     * address is not this host's) is an IOException whose message names {@code [metrics] listen}.
     */
    public static MetricsServer start(InetSocketAddress listen, TunnelMetrics metrics) throws IOException {
        return start(listen, metrics, null);
    }

    /**
     * As above, and with {@code status} (JSON, see engine.StatusSnapshot) at {@code /status} for
     * {@code chainlightning status}; null leaves it out.
     */
    public static MetricsServer start(InetSocketAddress listen, TunnelMetrics metrics, java.util.function.Supplier<String> status)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(listen, 0);
        } catch (IOException e) {
            throw new IOException("[metrics] listen: cannot listen on " + describe(listen) + ": " + e.getMessage()
                    + " (another program may use the port; choose another, or \"off\")", e);
        }
        server.createContext("/metrics", exact("/metrics", () -> new Reply(200, PROMETHEUS_TEXT, metrics.scrape())));
        if (status != null) {
            server.createContext("/status", exact("/status", () -> new Reply(200, "application/json", status.get())));
        }
        server.createContext("/healthz", exact("/healthz", () -> new Reply(200, PLAIN_TEXT, "ok\n")));
        server.createContext("/readyz", exact("/readyz", () -> {
            Readiness readiness = metrics.readiness();
            return new Reply(readiness.ready() ? 200 : 503, PLAIN_TEXT, readiness.reason() + "\n");
        }));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cl-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    /** The address actually bound (the port is known even when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The bound address as "host:port", IPv6 in brackets, as in a URL. */
    public String hostPort() {
        return describe(server.getAddress());
    }

    /** Stops answering and releases the port; requests in progress get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private record Reply(int status, String contentType, String body) {
    }

    /**
     * Answers GET and HEAD on exactly {@code path} (a context also matches longer paths, which
     * should be 404s), 405 for other methods.
     */
    private static HttpHandler exact(String path, Supplier<Reply> reply) {
        return exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, new Reply(404, PLAIN_TEXT, "not found\n"), method);
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, new Reply(405, PLAIN_TEXT, "method not allowed\n"), method);
                } else {
                    send(exchange, reply.get(), method);
                }
            } catch (RuntimeException e) {
                // A scrape that throws must not kill the server thread; the caller sees the connection close.
                dev.chainlightning.util.Log.error("metrics endpoint " + path + " failed: " + e);
            }
        };
    }

    private static void send(HttpExchange exchange, Reply reply, String method) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        boolean head = method.equals("HEAD");
        // -1: no body (HEAD); otherwise the exact length, so no chunked encoding is needed.
        exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
