package dev.chainlightning.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainlightning.engine.StatusSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code status [--address HOST:PORT] [--json] [--once]}: the live per-link table of the end running
 * on this host, read from its control endpoint ({@code /status} beside {@code /metrics}, at
 * {@code [metrics] listen}, 127.0.0.1:9100 by default). In a terminal it refreshes every second
 * in place until Ctrl-C; {@code --once} prints one table (rates over one second) and exits;
 * {@code --json} prints the raw snapshot once, for scripts.
 */
final class StatusCommand {
    static final String DEFAULT_ADDRESS = "127.0.0.1:9100";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    private StatusCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String address = DEFAULT_ADDRESS;
        boolean json = false;
        boolean once = System.console() == null; // piped: one table, not an endless stream
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--address" -> {
                    if (i + 1 >= args.length) {
                        throw new Main.UsageException("--address needs HOST:PORT");
                    }
                    address = args[++i];
                }
                case "--json" -> json = true;
                case "--once" -> once = true;
                default -> throw new Main.UsageException("unknown argument '" + args[i] + "' (expected --address HOST:PORT, --json, --once)");
            }
        }
        URI uri = URI.create("http://" + address + "/status");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            if (json) {
                out.println(fetch(http, uri));
                return 0;
            }
            StatusSnapshot previous = snapshot(http, uri);
            do {
                Thread.sleep(1000);
                StatusSnapshot now = snapshot(http, uri);
                out.print((once ? "" : CLEAR_SCREEN) + StatusTable.render(previous, now));
                out.flush();
                previous = now;
            } while (!once);
            return 0;
        } catch (ConnectException e) {
            err.println("chainlightning status: nothing is running at " + address
                    + " (no tunnel on this host, or its [metrics] listen is elsewhere: --address HOST:PORT)");
            return 1;
        } catch (IOException e) {
            err.println("chainlightning status: " + address + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static StatusSnapshot snapshot(HttpClient http, URI uri) throws IOException, InterruptedException {
        return JSON.readValue(fetch(http, uri), StatusSnapshot.class);
    }

    private static String fetch(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the control endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
