package dev.chainlightning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    /** Surefire runs in the module directory; the shipped example lives at the repository root. */
    private static final Path EXAMPLE = Path.of("..", "config.toml");
    private static final String FILE = "/etc/cl/config.toml";

    /** The smallest valid client config; error cases below change one key of it. */
    private static final String MINIMAL = """
            [general]
            server_ip = "192.0.2.1"
            tun_local_ip = "10.99.0.2"
            tun_remote_ip = "10.99.0.1"
            tun_netmask = "255.255.255.0"
            [links]
            source_ips = ["10.0.0.1", "10.0.1.1"]
            [security]
            private_key_file = "private.key"
            server_public_key = "2LXGoghyGrQrEoR6Vrq/aSgI0HdsB0Qdxtf6rffUbgw="
            client_public_key = "uxgilTMZFAUoCb2ejGbUS8YLEIOoWhBAnW6nIjkhrGc="
            """;

    private static final Map<String, String> SECTION_OF = Map.ofEntries(
            Map.entry("server_ip", "general"), Map.entry("tun_name", "general"), Map.entry("tun_local_ip", "general"),
            Map.entry("tun_remote_ip", "general"), Map.entry("tun_netmask", "general"), Map.entry("mtu", "general"),
            Map.entry("listen_ip", "general"), Map.entry("stats_interval_s", "general"),
            Map.entry("source_ips", "links"), Map.entry("start_port", "links"), Map.entry("links_per_wan", "links"),
            Map.entry("port_count", "links"), Map.entry("rates_mbit", "links"), Map.entry("source_ip", "links"),
            Map.entry("fec_group_size", "performance"), Map.entry("fec_repair_packets", "performance"),
            Map.entry("fec_mode", "performance"), Map.entry("fec_max_wait_ms", "performance"),
            Map.entry("small_packet_bytes", "performance"), Map.entry("redundant_small_packets", "performance"),
            Map.entry("resend_lost", "performance"),
            Map.entry("heartbeat_interval_ms", "performance"), Map.entry("rtt_weight", "performance"),
            Map.entry("loss_weight", "performance"), Map.entry("reorder_timeout_ms", "performance"),
            Map.entry("psk_file", "security"), Map.entry("cipher", "security"),
            Map.entry("private_key_file", "security"), Map.entry("server_public_key", "security"),
            Map.entry("client_public_key", "security"), Map.entry("rekey_after_seconds", "security"),
            Map.entry("obfuscate", "security"),
            Map.entry("listen", "metrics"));

    /** Accepts exactly the given addresses as "on this host". */
    private static Predicate<InetAddress> hostHas(String... ips) {
        Set<InetAddress> set = new java.util.HashSet<>();
        for (String ip : ips) {
            set.add(ip(ip));
        }
        return set::contains;
    }

    private static final Predicate<InetAddress> ANY_HOST = a -> true;

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no DNS lookup
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** MINIMAL with {@code key = value} set (replacing any existing line), creating the section if needed. */
    private static String with(String key, String value) {
        return with(MINIMAL, key, value);
    }

    private static String with(String toml, String key, String value) {
        String section = SECTION_OF.get(key);
        List<String> lines = new ArrayList<>(without(toml, key).lines().toList());
        int header = lines.indexOf("[" + section + "]");
        if (header < 0) {
            lines.add("[" + section + "]");
            header = lines.size() - 1;
        }
        lines.add(header + 1, key + " = " + value);
        return String.join("\n", lines) + "\n";
    }

    private static String without(String key) {
        return without(MINIMAL, key);
    }

    private static String without(String toml, String key) {
        StringBuilder b = new StringBuilder();
        toml.lines().filter(l -> !l.startsWith(key + " =")).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    private static TunnelConfig parse(String toml, Role role) throws ConfigException {
        return ConfigLoader.parse(toml, FILE, role, ANY_HOST);
    }

    // ---- the shipped example

    @Test
    void exampleConfigParsesForTheClient() throws Exception {
        TunnelConfig c = ConfigLoader.load(EXAMPLE, Role.CLIENT, hostHas("10.10.0.2", "10.10.1.2", "10.10.2.2"));

        assertThat(c.role()).isEqualTo(Role.CLIENT);
        assertThat(c.general().serverIp()).isEqualTo(ip("10.20.0.2"));
        assertThat(c.general().tunName()).isEqualTo("cl0");
        assertThat(c.general().tunLocalIp()).isEqualTo(ip("10.99.0.2"));
        assertThat(c.general().tunRemoteIp()).isEqualTo(ip("10.99.0.1"));
        assertThat(c.general().tunNetmask()).isEqualTo(ip("255.255.255.0"));
        assertThat(c.general().prefixLength()).isEqualTo(24);
        assertThat(c.links().sourceIps()).containsExactly(ip("10.10.0.2"), ip("10.10.1.2"), ip("10.10.2.2"));
        assertThat(c.links().startPort()).isEqualTo(9001);
        assertThat(c.links().linksPerWan()).isEqualTo(1);
        assertThat(c.links().linkCount()).isEqualTo(3);
        assertThat(c.performance()).isEqualTo(new TunnelConfig.Performance(10, 3, "adaptive", 5, 100, 0.7, 0.3, 250, 160, false, true));
        assertThat(c.security().privateKeyFile())
                .isEqualTo(EXAMPLE.toAbsolutePath().getParent().resolve("private.key").normalize());
        assertThat(c.security().pskFile()).isNull();
        assertThat(c.security().peerPublicKey(Role.CLIENT)).isEqualTo(c.security().serverPublicKey());
        assertThat(c.security().peerPublicKey(Role.SERVER)).isEqualTo(c.security().clientPublicKey());
        assertThat(c.security().rekeyAfterSeconds()).isEqualTo(120);
        assertThat(c.security().cipher()).isEqualTo("auto");
        assertThat(c.ownTunIp()).isEqualTo(ip("10.99.0.2"));
        assertThat(c.peerTunIp()).isEqualTo(ip("10.99.0.1"));
    }

    @Test
    void exampleConfigParsesForTheServerWithoutCheckingSourceIps() throws Exception {
        TunnelConfig c = ConfigLoader.load(EXAMPLE, Role.SERVER, a -> false);

        assertThat(c.role()).isEqualTo(Role.SERVER);
        assertThat(c.links().sourceIps()).hasSize(3);
        assertThat(c.ownTunIp()).isEqualTo(ip("10.99.0.1"));
        assertThat(c.peerTunIp()).isEqualTo(ip("10.99.0.2"));
    }

    // ---- defaults

    @Test
    void defaultsApplyWhenKeysAndSectionsAreMissing() throws Exception {
        TunnelConfig c = parse(MINIMAL, Role.CLIENT);

        TunnelConfig.General g = c.general();
        assertThat(g.tunName()).isEqualTo("cl0");
        assertThat(g.mtu()).isZero();
        assertThat(g.listenIp()).isEqualTo(ip("0.0.0.0"));
        assertThat(g.statsIntervalSeconds()).isEqualTo(10);
        TunnelConfig.Links l = c.links();
        assertThat(l.startPort()).isEqualTo(9001);
        assertThat(l.linksPerWan()).isEqualTo(1);
        assertThat(l.portCount()).isEqualTo(5);
        assertThat(l.ratesMbit()).isEmpty();
        assertThat(c.performance()).isEqualTo(new TunnelConfig.Performance(10, 3, "adaptive", 5, 100, 0.7, 0.3, 250, 160, false, true));
        assertThat(c.security().cipher()).isEqualTo("auto");
    }

    @Test
    void serverNeedsNeitherServerIpNorSourceIps() throws Exception {
        String toml = without(without("server_ip"), "source_ips");

        TunnelConfig c = parse(toml, Role.SERVER);

        assertThat(c.general().serverIp()).isNull();
        assertThat(c.links().sourceIps()).isEmpty();
        assertThat(c.links().linkCount()).isZero();
    }

    @Test
    void everyKeyCanBeSet() throws Exception {
        String toml = MINIMAL;
        toml = with(toml, "server_ip", "\"2001:db8::1\"");
        toml = with(toml, "tun_name", "\"wan-bond.0\"");
        toml = with(toml, "tun_netmask", "\"255.255.255.252\"");
        toml = with(toml, "mtu", "1400");
        toml = with(toml, "listen_ip", "\"::\"");
        toml = with(toml, "stats_interval_s", "3600");
        toml = with(toml, "start_port", "65530");
        toml = with(toml, "links_per_wan", "16");
        toml = with(toml, "port_count", "6");
        toml = with(toml, "rates_mbit", "[100, 12.5]");
        toml = with(toml, "fec_group_size", "64");
        toml = with(toml, "fec_repair_packets", "0");
        toml = with(toml, "heartbeat_interval_ms", "10000");
        toml = with(toml, "rtt_weight", "1");   // an integer where a float is expected is fine
        toml = with(toml, "loss_weight", "0.0");
        toml = with(toml, "reorder_timeout_ms", "2000");
        toml = with(toml, "fec_mode", "\"fixed\"");
        toml = with(toml, "fec_max_wait_ms", "1000");
        toml = with(toml, "small_packet_bytes", "0");
        toml = with(toml, "redundant_small_packets", "true");
        toml = with(toml, "resend_lost", "false");
        toml = with(toml, "cipher", "\"chacha20-poly1305\"");
        toml = with(toml, "rekey_after_seconds", "30");
        toml = with(toml, "obfuscate", "true");
        toml = with(toml, "listen", "\"[::1]:9200\"");

        TunnelConfig c = parse(toml, Role.CLIENT);

        assertThat(c.general().serverIp()).isEqualTo(ip("2001:db8::1"));
        assertThat(c.general().tunName()).isEqualTo("wan-bond.0");
        assertThat(c.general().prefixLength()).isEqualTo(30);
        assertThat(c.general().mtu()).isEqualTo(1400);
        assertThat(c.general().listenIp()).isEqualTo(ip("::"));
        assertThat(c.general().statsIntervalSeconds()).isEqualTo(3600);
        assertThat(c.links()).isEqualTo(new TunnelConfig.Links(
                List.of(ip("10.0.0.1"), ip("10.0.1.1")), 65530, 16, 6, List.of(100.0, 12.5)));
        assertThat(c.performance()).isEqualTo(new TunnelConfig.Performance(64, 0, "fixed", 1000, 10000, 1.0, 0.0, 2000, 0, true, false));
        assertThat(c.security().cipher()).isEqualTo("chacha20-poly1305");
        assertThat(c.security().rekeyAfterSeconds()).isEqualTo(30);
        assertThat(c.security().obfuscate()).isTrue();
        assertThat(c.metrics().listen()).isEqualTo(new java.net.InetSocketAddress(ip("::1"), 9200));
    }

    @Test
    void metricsListenOnLoopbackPort9100ByDefault() throws Exception {
        TunnelConfig c = parse(MINIMAL, Role.CLIENT);

        assertThat(c.metrics().enabled()).isTrue();
        assertThat(c.metrics().listen()).isEqualTo(new java.net.InetSocketAddress(ip("127.0.0.1"), 9100));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"\"", "\"off\""})
    void metricsCanBeTurnedOff(String value) throws Exception {
        TunnelConfig c = parse(with("listen", value), Role.CLIENT);

        assertThat(c.metrics().enabled()).isFalse();
        assertThat(c.metrics().listen()).isNull();
    }

    @Test
    void metricsMayListenOnAnyAddress() throws Exception {
        TunnelConfig c = parse(with("listen", "\"0.0.0.0:9100\""), Role.SERVER);

        assertThat(c.metrics().listen()).isEqualTo(new java.net.InetSocketAddress(ip("0.0.0.0"), 9100));
    }

    @Test
    void pskFileIsResolvedAgainstTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("cl.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, with("psk_file", "\"../keys/psk.key\""));

        TunnelConfig c = ConfigLoader.load(file, Role.CLIENT, ANY_HOST);

        assertThat(c.security().pskFile()).isEqualTo(dir.toAbsolutePath().resolve("keys/psk.key"));
    }

    @Test
    void absolutePskFileIsKept() throws Exception {
        TunnelConfig c = parse(with("psk_file", "\"/etc/cl/psk.key\""), Role.CLIENT);

        assertThat(c.security().pskFile()).isEqualTo(Path.of("/etc/cl/psk.key"));
    }

    // ---- link helpers

    @Test
    void linksCycleThroughThePorts() throws Exception {
        String toml = with("source_ips",
                "[\"10.0.0.1\", \"10.0.0.2\", \"10.0.0.3\", \"10.0.0.4\", \"10.0.0.5\", \"10.0.0.6\", \"10.0.0.7\"]");
        TunnelConfig.Links l = parse(toml, Role.CLIENT).links();

        assertThat(l.portCount()).isEqualTo(5);
        assertThat(l.linkCount()).isEqualTo(7);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < l.linkCount(); i++) {
            ports.add(l.serverPortOfLink(i));
        }
        assertThat(ports).containsExactly(9001, 9002, 9003, 9004, 9005, 9001, 9002);
    }

    @Test
    void linksOfAWanShareItsAddressAndRate() throws Exception {
        String toml = with(with("links_per_wan", "2"), "rates_mbit", "[100, 50.0]");
        TunnelConfig.Links l = parse(toml, Role.CLIENT).links();

        assertThat(l.linkCount()).isEqualTo(4);
        assertThat(List.of(l.sourceIpOfLink(0), l.sourceIpOfLink(1), l.sourceIpOfLink(2), l.sourceIpOfLink(3)))
                .containsExactly(ip("10.0.0.1"), ip("10.0.0.1"), ip("10.0.1.1"), ip("10.0.1.1"));
        assertThat(List.of(l.rateMbitOfLink(0), l.rateMbitOfLink(1), l.rateMbitOfLink(2), l.rateMbitOfLink(3)))
                .containsExactly(50.0, 50.0, 25.0, 25.0);
    }

    @Test
    void rateIsZeroWhenRatesAreUnknown() throws Exception {
        TunnelConfig.Links l = parse(MINIMAL, Role.CLIENT).links();

        assertThat(l.rateMbitOfLink(0)).isZero();
        assertThat(l.rateMbitOfLink(1)).isZero();
    }

    // ---- errors

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                // unknown names
                arguments(with("source_ip", "[\"10.0.0.1\"]"),
                        "[links] source_ip", "unknown key (did you mean source_ips?)"),
                arguments(MINIMAL + "[linkz]\nstart_port = 1\n", "[linkz]", "unknown section (did you mean [links]?)"),
                arguments(MINIMAL + "[tuning]\n", "[tuning]", "unknown section"),
                arguments(MINIMAL.replace("[links]\n", "[links]\nmtu = 1400\n"),
                        "[links] mtu", "unknown key (it belongs in [general])"),
                arguments("tun_name = \"x\"\n" + MINIMAL, "tun_name",
                        "unknown top-level key (did you mean to put it in [general]?)"),
                arguments("verbose = true\n" + MINIMAL, "verbose", "unknown top-level key"),
                arguments(MINIMAL + "[[peers]]\nname = \"a\"\n", "[peers]", "unknown section"),
                arguments(MINIMAL + "[[performance]]\n", "[performance]", "expected a table, got array"),
                arguments("performance = 3\n" + MINIMAL, "[performance]", "expected a table, got integer 3"),
                // wrong types
                arguments(with("start_port", "\"9001x\""),
                        "[links] start_port", "expected an integer, got string \"9001x\""),
                arguments(with("fec_group_size", "10.0"), "[performance] fec_group_size",
                        "expected an integer, got float 10.0"),
                arguments(with("heartbeat_interval_ms", "true"), "[performance] heartbeat_interval_ms",
                        "expected an integer, got boolean true"),
                arguments(with("start_port", "2024-01-01"), "[links] start_port",
                        "expected an integer, got date/time 2024-01-01"),
                arguments(with("rtt_weight", "\"high\""), "[performance] rtt_weight",
                        "expected a number, got string \"high\""),
                arguments(with("loss_weight", "nan"), "[performance] loss_weight", "must be a finite number"),
                arguments(with("source_ips", "\"10.0.0.1\""), "[links] source_ips",
                        "expected an array, got string \"10.0.0.1\""),
                arguments(with("source_ips", "[\"10.0.0.1\", 7]"), "[links] source_ips[1]",
                        "expected a string, got integer 7"),
                arguments(with("tun_name", "7"), "[general] tun_name", "expected a string, got integer 7"),
                // malformed addresses
                arguments(with("source_ips", "[\"10.0.0.1\", \"10.0.0.300\"]"), "[links] source_ips[1]",
                        "'10.0.0.300' is not an IPv4 or IPv6 address"),
                arguments(with("server_ip", "\"vpn.example.com\""), "[general] server_ip",
                        "'vpn.example.com' is not an IPv4 or IPv6 address"),
                arguments(with("server_ip", "\"10.1\""), "[general] server_ip",
                        "'10.1' is not an IPv4 or IPv6 address"),
                arguments(with("server_ip", "\"0.0.0.0\""), "[general] server_ip", "is not a unicast address"),
                arguments(with("listen_ip", "\"2001:db8::g\""), "[general] listen_ip",
                        "'2001:db8::g' is not an IPv4 or IPv6 address"),
                arguments(with("tun_local_ip", "\"fd00::2\""), "[general] tun_local_ip",
                        "'fd00::2' is not an IPv4 address"),
                arguments(with("tun_netmask", "\"255.0.255.0\""), "[general] tun_netmask",
                        "'255.0.255.0' is not a contiguous netmask"),
                arguments(with("tun_remote_ip", "\"10.99.0.2\""), "[general] tun_remote_ip",
                        "must differ from tun_local_ip"),
                arguments(with("tun_remote_ip", "\"10.98.0.1\""), "[general] tun_remote_ip",
                        "10.98.0.1 is not in the same /24 subnet as tun_local_ip 10.99.0.2"),
                // ranges
                arguments(with("start_port", "70000"), "[links] start_port", "must be between 1 and 65535, got 70000"),
                arguments(with("start_port", "0"), "[links] start_port", "must be between 1 and 65535, got 0"),
                arguments(with(with("start_port", "65534"), "port_count", "3"), "[links] port_count",
                        "past the last port 65535"),
                arguments(with("port_count", "0"), "[links] port_count", "must be between 1 and 65535, got 0"),
                arguments(with("links_per_wan", "0"), "[links] links_per_wan", "must be between 1 and 16, got 0"),
                arguments(with("links_per_wan", "17"), "[links] links_per_wan", "must be between 1 and 16, got 17"),
                arguments(with("mtu", "100"), "[general] mtu", "must be 0 (automatic) or between 576 and 9000"),
                arguments(with("mtu", "9001"), "[general] mtu", "must be between 0 and 9000, got 9001"),
                arguments(with("stats_interval_s", "0"), "[general] stats_interval_s", "must be between 1 and 3600"),
                arguments(with("fec_group_size", "65"), "[performance] fec_group_size", "must be between 1 and 64"),
                arguments(with("fec_repair_packets", "-1"), "[performance] fec_repair_packets",
                        "must be between 0 and 32"),
                arguments(with("fec_mode", "\"auto\""), "[performance] fec_mode", "'auto' is not one of adaptive, fixed"),
                arguments(with("redundant_small_packets", "\"yes\""), "[performance] redundant_small_packets",
                        "expected true or false"),
                arguments(with("fec_max_wait_ms", "0"), "[performance] fec_max_wait_ms", "must be between 1 and 1000, got 0"),
                arguments(with("heartbeat_interval_ms", "9"), "[performance] heartbeat_interval_ms",
                        "must be between 10 and 10000"),
                arguments(with("reorder_timeout_ms", "99999999999999999999"), "[performance] reorder_timeout_ms",
                        "must be between 1 and 2000, got 99999999999999999999"),
                arguments(with("rtt_weight", "-0.5"), "[performance] rtt_weight", "must be >= 0, got -0.5"),
                arguments(with("tun_name", "\"a-very-long-name0\""), "[general] tun_name",
                        "'a-very-long-name0' is not a valid interface name"),
                arguments(with("tun_name", "\"cl 0\""), "[general] tun_name", "'cl 0' is not a valid interface name"),
                arguments(with("cipher", "\"aes\""), "[security] cipher",
                        "'aes' is not one of auto, aes-256-gcm, chacha20-poly1305"),
                // source IP lists
                arguments(with("source_ips", "[\"10.0.0.1\", \"10.0.1.1\", \"10.0.0.1\"]"), "[links] source_ips[2]",
                        "'10.0.0.1' is a duplicate of source_ips[0]"),
                arguments(with("source_ips", "[]"), "[links] source_ips", "must list at least one address"),
                arguments(with("rates_mbit", "[100]"), "[links] rates_mbit",
                        "has 1 entries but source_ips has 2"),
                arguments(with("rates_mbit", "[100, 0]"), "[links] rates_mbit[1]",
                        "must be a positive number, got 0"),
                arguments(with("rates_mbit", "[100, \"fast\"]"), "[links] rates_mbit[1]",
                        "expected a number, got string \"fast\""),
                // missing required keys
                arguments(without("server_ip"), "[general] server_ip", "missing required key"),
                arguments(without("source_ips"), "[links] source_ips", "missing required key"),
                arguments(without("tun_local_ip"), "[general] tun_local_ip", "missing required key"),
                arguments(without("tun_remote_ip"), "[general] tun_remote_ip", "missing required key"),
                arguments(without("tun_netmask"), "[general] tun_netmask", "missing required key"),
                arguments(without("private_key_file"), "[security] private_key_file", "missing required key"),
                arguments(without("server_public_key"), "[security] server_public_key", "missing required key"),
                arguments(with("client_public_key", "\"not a key\""), "[security] client_public_key", "is not valid base64"),
                arguments(with("server_public_key", "\"AAAA\""), "[security] server_public_key", "decodes to 3 bytes, a key has 32"),
                arguments(with("client_public_key", "\"2LXGoghyGrQrEoR6Vrq/aSgI0HdsB0Qdxtf6rffUbgw=\""), "[security] client_public_key", "is the same as server_public_key"),
                arguments(with("rekey_after_seconds", "600"), "[security] rekey_after_seconds", "must be between 2 and 120"),
                arguments(with("psk_file", "\"\""), "[security] psk_file", "must not be empty"),
                // [metrics] listen
                arguments(with("listen", "9100"), "[metrics] listen", "expected a string, got integer 9100"),
                arguments(with("listen", "\"127.0.0.1\""), "[metrics] listen", "'127.0.0.1' has no port"),
                arguments(with("listen", "\"localhost:9100\""), "[metrics] listen",
                        "'localhost:9100' does not start with an IPv4 or [IPv6] address"),
                arguments(with("listen", "\"::1:9100\""), "[metrics] listen", "an IPv6 address needs brackets"),
                arguments(with("listen", "\"[127.0.0.1]:9100\""), "[metrics] listen", "does not start with an IPv4 or [IPv6] address"),
                arguments(with("listen", "\"127.0.0.1:0\""), "[metrics] listen", "the port must be between 1 and 65535"),
                arguments(with("listen", "\"127.0.0.1:65536\""), "[metrics] listen", "the port must be between 1 and 65535"),
                arguments(with("listen", "\"127.0.0.1:http\""), "[metrics] listen", "the port must be between 1 and 65535"),
                arguments(with("listen", "\"OFF\""), "[metrics] listen", "'OFF' has no port"),
                arguments(MINIMAL + "[metrics]\nlistne = \"off\"\n", "[metrics] listne", "unknown key (did you mean listen?)"),
                arguments("# nothing but a comment\n", "[general] server_ip", "missing required key"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("invalidConfigs")
    void invalidConfigIsRejectedNamingTheKey(String toml, String key, String reason) {
        assertThatThrownBy(() -> parse(toml, Role.CLIENT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FILE + ": " + key + ": ")
                .hasMessageContaining(reason)
                .message().doesNotContain("\n", "\r");
    }

    @Test
    void exceptionExposesItsParts() {
        assertThatThrownBy(() -> parse(with("start_port", "0"), Role.CLIENT))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(FILE);
                    assertThat(e.key()).isEqualTo("[links] start_port");
                    assertThat(e.reason()).isEqualTo("must be between 1 and 65535, got 0");
                    assertThat(e.getMessage()).isEqualTo(FILE + ": [links] start_port: must be between 1 and 65535, got 0");
                });
    }

    @Test
    void clientSourceIpMustBeOnThisHost() {
        String toml = with("source_ips", "[\"10.0.0.1\", \"192.0.2.7\"]");

        assertThatThrownBy(() -> ConfigLoader.parse(toml, FILE, Role.CLIENT, hostHas("10.0.0.1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(FILE + ": [links] source_ips[1]: 192.0.2.7 is not an address of this host");
    }

    @Test
    void serverDoesNotCheckSourceIpsAgainstTheHost() throws Exception {
        TunnelConfig c = ConfigLoader.parse(MINIMAL, FILE, Role.SERVER, a -> false);

        assertThat(c.links().sourceIps()).hasSize(2);
    }

    @Test
    void duplicateIsDetectedAcrossSpellings() {
        String toml = with("source_ips", "[\"2001:db8::1\", \"2001:DB8:0::1\"]");

        assertThatThrownBy(() -> parse(toml, Role.CLIENT))
                .hasMessageContaining("[links] source_ips[1]: '2001:DB8:0::1' is a duplicate of source_ips[0]");
    }

    @Test
    void tomlSyntaxErrorIsOneLineWithTheLocation() {
        String toml = "[general]\ntun_name = \"cl0\"\ntun_name = \"cl1\"\n";

        assertThatThrownBy(() -> parse(toml, Role.CLIENT))
                .isInstanceOf(ConfigException.class)
                // Jackson reports where it noticed the problem: just after the repeated key's value.
                .hasMessageMatching(java.util.regex.Pattern.quote(FILE) + ": line \\d+, column \\d+: TOML syntax error: .*")
                .hasMessageContaining("Duplicate key")
                .message().doesNotContain("\n");
    }

    @Test
    void unterminatedStringIsASyntaxError() {
        assertThatThrownBy(() -> parse("[general]\nserver_ip = \"10.0.0.1\n", Role.CLIENT))
                .hasMessageStartingWith(FILE + ": line ")
                .hasMessageContaining("TOML syntax error");
    }

    @Test
    void missingFileCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("nope.toml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Role.CLIENT, ANY_HOST))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read: No such file");
    }

    @Test
    void directoryCannotBeRead(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir, Role.CLIENT, ANY_HOST))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir + ": cannot read: ");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void ownAndPeerTunAddressesDependOnTheRole(Role role) throws Exception {
        TunnelConfig c = parse(MINIMAL, role);

        InetAddress client = ip("10.99.0.2");
        InetAddress server = ip("10.99.0.1");
        assertThat(c.ownTunIp()).isEqualTo(role == Role.CLIENT ? client : server);
        assertThat(c.peerTunIp()).isEqualTo(role == Role.CLIENT ? server : client);
    }

    // ---- the real host check

    @Test
    void loopbackIsAHostAddressAndADocumentationAddressIsNot() {
        assertThat(ConfigLoader.isHostAddress(ip("127.0.0.1"))).isTrue();
        assertThat(ConfigLoader.isHostAddress(ip("192.0.2.7"))).isFalse();
    }

    @Test
    void loadUsesTheRealHostCheck(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, with("source_ips", "[\"127.0.0.1\"]"));
        assertThat(ConfigLoader.load(file, Role.CLIENT).links().sourceIps()).containsExactly(ip("127.0.0.1"));

        Files.writeString(file, with("source_ips", "[\"192.0.2.7\"]"));
        assertThatThrownBy(() -> ConfigLoader.load(file, Role.CLIENT))
                .hasMessage(file + ": [links] source_ips[0]: 192.0.2.7 is not an address of this host");
    }
}
