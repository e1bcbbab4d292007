package dev.chainlightning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The systemd units in deploy/systemd: each runs its own role from the installed command, keeps
 * only CAP_NET_ADMIN, restarts after failures but not after a configuration error (exit 2, see
 * MainTest), and leaves the JIT room to work. No systemd here to load them, so their settings are
 * read as text.
 */
class SystemdUnitsTest {
    private static final Path UNITS = Path.of("..", "deploy", "systemd");

    private static Map<String, List<String>> settings(Path unit) throws IOException {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("[")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            assertThat(eq).as("a key=value line in %s: %s", unit, line).isPositive();
            settings.computeIfAbsent(trimmed.substring(0, eq), k -> new ArrayList<>()).add(trimmed.substring(eq + 1));
        }
        return settings;
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "client"})
    void eachUnitRunsItsRoleWithOnlyNetAdmin(String role) throws IOException {
        Map<String, List<String>> s = settings(UNITS.resolve("chainlightning-" + role + ".service"));
        assertThat(s.get("ExecStart")).containsExactly(
                "/opt/chainlightning/bin/chainlightning " + role + " --config /etc/chainlightning/config.toml");
        assertThat(Files.isExecutable(Path.of("..", "bin", "chainlightning"))).isTrue();
        assertThat(s.get("CapabilityBoundingSet")).containsExactly("CAP_NET_ADMIN");
        assertThat(s.get("AmbientCapabilities")).containsExactly("CAP_NET_ADMIN");
        assertThat(s.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(s.get("Restart")).containsExactly("on-failure");
        assertThat(s.get("RestartPreventExitStatus")).containsExactly("2");
        assertThat(s.get("DeviceAllow")).containsExactly("/dev/net/tun rw");
        assertThat(s.get("ProtectSystem")).containsExactly("strict");
        assertThat(s).as("the JIT writes and runs code").doesNotContainKey("MemoryDenyWriteExecute");
    }
}
