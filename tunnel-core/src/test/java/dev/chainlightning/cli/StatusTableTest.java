package dev.chainlightning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainlightning.engine.StatusSnapshot;
import dev.chainlightning.engine.StatusSnapshot.LinkStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static StatusSnapshot snapshot(long millis, long tx0, long tx1, long rx0) {
        return new StatusSnapshot("client", millis, "5eed", 3, 100, 200, 7, List.of(
                new LinkStatus(0, "10.10.0.2#0", "up", 21.5, 20.1, 0.01, 20e6, tx0, rx0, "10.20.0.2:9001"),
                new LinkStatus(1, "10.10.1.2#0", "down", 0, 0, 1, 30e6, tx1, 0, "10.20.0.2:9002")));
    }

    @Test
    void ratesAndSharesComeFromTwoSnapshots() {
        // In 2 s link 0 sent 3 MB (12 Mbit/s) and link 1 1 MB (4 Mbit/s): shares 75% and 25%.
        String table = StatusTable.render(snapshot(10_000, 0, 0, 0), snapshot(12_000, 3_000_000, 1_000_000, 500_000));
        assertThat(table).contains("chainlightning client, session 5eed, up 0m12s, 3 handshakes");
        assertThat(table).containsPattern("10\\.10\\.0\\.2#0 +up +21\\.5 +20\\.1 +1\\.0% +20\\.00 Mbit/s +12\\.00 Mbit/s +2\\.00 Mbit/s +75\\.0%");
        assertThat(table).containsPattern("10\\.10\\.1\\.2#0 +down .* +4\\.00 Mbit/s +0\\.00 Mbit/s +25\\.0%");
        assertThat(table).contains("tun in 100, tun out 200, dropped datagrams 7");
    }

    @Test
    void withoutAPreviousSnapshotRatesAreUnknown() {
        String table = StatusTable.render(null, snapshot(1000, 5, 5, 5));
        assertThat(table).containsPattern("10\\.10\\.0\\.2#0 +up .* +- +- +-");
    }

    @Test
    void theSnapshotSurvivesItsJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        StatusSnapshot snapshot = snapshot(1000, 1, 2, 3);
        assertThat(json.readValue(json.writeValueAsString(snapshot), StatusSnapshot.class)).isEqualTo(snapshot);
    }

    @Test
    void nothingRunningIsSaidClearly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"status", "--once", "--address", "127.0.0.1:" + port},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing is running at 127.0.0.1:" + port);
    }
}
