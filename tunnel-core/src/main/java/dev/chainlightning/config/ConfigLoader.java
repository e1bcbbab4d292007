package dev.chainlightning.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.toml.TomlReadFeature;
import dev.chainlightning.config.TunnelConfig.General;
import dev.chainlightning.config.TunnelConfig.Links;
import dev.chainlightning.config.TunnelConfig.Metrics;
import dev.chainlightning.config.TunnelConfig.Performance;
import dev.chainlightning.config.TunnelConfig.Security;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import dev.chainlightning.crypto.noise.X25519PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Loads and strictly validates the TOML config. The file is parsed into a tree and walked by hand
 * (rather than bound to POJOs) so that every error names the exact key at fault.
 */
public final class ConfigLoader {
    /** Every section and its keys; anything else in the file is an error. */
    private static final List<String> FEC_MODES = List.of("adaptive", "fixed");
    private static final Map<String, List<String>> SCHEMA = schema();

    private static final Set<String> CIPHERS = Set.of("auto", "aes-256-gcm", "chacha20-poly1305");
    // Linux allows 15 characters (IFNAMSIZ - 1); keep to characters that are safe in ip(8) commands.
    private static final Pattern TUN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private static final TomlMapper MAPPER = TomlMapper.builder()
            // Dates become POJO nodes, so "start_port = 2024-01-01" is reported as a date, not a string.
            .enable(TomlReadFeature.PARSE_JAVA_TIME)
            // Keep "3.0" as written so "expected an integer, got float 3.0" reads right.
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ConfigLoader() {}

    private static Map<String, List<String>> schema() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("general", List.of("server_ip", "tun_name", "tun_local_ip", "tun_remote_ip", "tun_netmask", "mtu",
                "listen_ip", "stats_interval_s"));
        m.put("links", List.of("source_ips", "start_port", "links_per_wan", "port_count", "rates_mbit"));
        m.put("performance", List.of("fec_group_size", "fec_repair_packets", "fec_mode", "fec_max_wait_ms",
                "heartbeat_interval_ms", "rtt_weight", "loss_weight", "reorder_timeout_ms", "small_packet_bytes",
                "redundant_small_packets", "resend_lost"));
        m.put("security", List.of("private_key_file", "server_public_key", "client_public_key", "psk_file", "cipher", "rekey_after_seconds", "obfuscate"));
        m.put("metrics", List.of("listen"));
        return m;
    }

    /** Loads {@code file}, checking the client's source IPs against this host's interfaces. */
    public static TunnelConfig load(Path file, Role role) throws ConfigException {
        return load(file, role, ConfigLoader::isHostAddress);
    }

    /** Loads {@code file}; {@code isLocalAddress} decides whether a client source IP belongs to this host. */
    public static TunnelConfig load(Path file, Role role, Predicate<InetAddress> isLocalAddress)
            throws ConfigException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(name, null, "cannot read: " + describe(e));
        }
        return parse(text, name, role, isLocalAddress);
    }

    /**
     * Parses config text. {@code fileName} is used in messages and as the base for the relative
     * key file paths.
     */
    public static TunnelConfig parse(String tomlText, String fileName, Role role,
                                     Predicate<InetAddress> isLocalAddress) throws ConfigException {
        Objects.requireNonNull(tomlText, "tomlText");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(isLocalAddress, "isLocalAddress");

        JsonNode root = parseToml(tomlText, fileName);
        rejectUnknownSections(root, fileName);
        General general = readGeneral(section(root, fileName, "general"), role);
        Links links = readLinks(section(root, fileName, "links"), role, isLocalAddress);
        Performance performance = readPerformance(section(root, fileName, "performance"));
        Security security = readSecurity(section(root, fileName, "security"), directoryOf(fileName));
        Metrics metrics = readMetrics(section(root, fileName, "metrics"));
        return new TunnelConfig(role, general, links, performance, security, metrics);
    }

    /** True if {@code a} is assigned to one of this host's network interfaces. */
    public static boolean isHostAddress(InetAddress a) {
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    // ---- parsing and structure

    private static JsonNode parseToml(String text, String fileName) throws ConfigException {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? null : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ConfigException(fileName, where, "TOML syntax error: " + e.getOriginalMessage());
        }
        // An empty file (or one with only comments) is an empty table; required keys are reported below.
        return root == null || root.isMissingNode() ? MAPPER.createObjectNode() : root;
    }

    private static void rejectUnknownSections(JsonNode root, String fileName) throws ConfigException {
        for (String name : TomlSection.fieldNames(root)) {
            if (SCHEMA.containsKey(name)) {
                continue;
            }
            JsonNode value = root.get(name);
            if (isTableOrTableArray(value)) {
                String guess = Suggestions.closest(name, SCHEMA.keySet());
                throw new ConfigException(fileName, "[" + name + "]",
                        guess == null ? "unknown section" : "unknown section (did you mean [" + guess + "]?)");
            }
            // A key written before the first [section] header lands at the top level.
            String home = TomlSection.sectionDefining(name, SCHEMA);
            String hint = home == null ? "keys belong in a section such as [general]"
                    : "did you mean to put it in [" + home + "]?";
            throw new ConfigException(fileName, name, "unknown top-level key (" + hint + ")");
        }
    }

    /** {@code [name]} or {@code [[name]]} in the file, as opposed to {@code name = value}. */
    private static boolean isTableOrTableArray(JsonNode n) {
        if (n.isObject()) {
            return true;
        }
        if (!n.isArray() || n.isEmpty()) {
            return false;
        }
        for (JsonNode element : n) {
            if (!element.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static TomlSection section(JsonNode root, String fileName, String name) throws ConfigException {
        return TomlSection.of(fileName, root, name, SCHEMA);
    }

    // ---- [general]

    private static General readGeneral(TomlSection s, Role role) throws ConfigException {
        InetAddress serverIp = s.ip("server_ip");
        if (serverIp == null && role == Role.CLIENT) {
            throw s.error("server_ip", "missing required key (the client needs the server's address)");
        }
        if (serverIp != null) {
            requireUnicast(s, "server_ip", serverIp);
        }

        String tunName = s.string("tun_name", "cl0");
        if (!TUN_NAME.matcher(tunName).matches() || tunName.equals(".") || tunName.equals("..")) {
            throw s.error("tun_name", TomlSection.quote(tunName, '\'')
                    + " is not a valid interface name (1..15 characters from A-Z a-z 0-9 _ . -)");
        }

        Inet4Address local = s.requiredIpv4("tun_local_ip");
        Inet4Address remote = s.requiredIpv4("tun_remote_ip");
        Inet4Address netmask = s.requiredIpv4("tun_netmask");
        int prefix = IpLiterals.prefixLength(netmask);
        if (prefix < 1) {
            throw s.error("tun_netmask", "'" + netmask.getHostAddress() + "' is not a contiguous netmask"
                    + " such as 255.255.255.0");
        }
        if (local.equals(remote)) {
            throw s.error("tun_remote_ip", "must differ from tun_local_ip (both are " + local.getHostAddress() + ")");
        }
        int maskBits = IpLiterals.toInt(netmask);
        if ((IpLiterals.toInt(local) & maskBits) != (IpLiterals.toInt(remote) & maskBits)) {
            throw s.error("tun_remote_ip", remote.getHostAddress() + " is not in the same /" + prefix
                    + " subnet as tun_local_ip " + local.getHostAddress());
        }

        int mtu = s.integer("mtu", 0, 0, 9000);
        if (mtu != 0 && mtu < 576) {
            throw s.error("mtu", "must be 0 (automatic) or between 576 and 9000, got " + mtu);
        }
        InetAddress listenIp = s.ip("listen_ip");
        if (listenIp == null) {
            listenIp = IpLiterals.parseV4("0.0.0.0");
        }
        int statsInterval = s.integer("stats_interval_s", 10, 1, 3600);
        return new General(serverIp, tunName, local, remote, netmask, prefix, mtu, listenIp, statsInterval);
    }

    private static void requireUnicast(TomlSection s, String label, InetAddress a) throws ConfigException {
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            throw s.error(label, a.getHostAddress() + " is not a unicast address");
        }
    }

    // ---- [links]

    private static Links readLinks(TomlSection s, Role role, Predicate<InetAddress> isLocalAddress)
            throws ConfigException {
        List<InetAddress> sourceIps = readSourceIps(s, role, isLocalAddress);
        int startPort = s.integer("start_port", 9001, 1, 65535);
        int linksPerWan = s.integer("links_per_wan", 1, 1, 16);
        int portCount = s.integer("port_count", 5, 1, 65535);
        if (startPort + portCount - 1 > 65535) {
            throw s.error("port_count", "start_port " + startPort + " + port_count " + portCount
                    + " - 1 is past the last port 65535");
        }
        List<Double> rates = readRates(s, sourceIps.size());
        return new Links(sourceIps, startPort, linksPerWan, portCount, rates);
    }

    private static List<InetAddress> readSourceIps(TomlSection s, Role role, Predicate<InetAddress> isLocalAddress)
            throws ConfigException {
        List<JsonNode> nodes = s.array("source_ips");
        if (role == Role.CLIENT) {
            if (nodes == null) {
                throw s.error("source_ips", "missing required key (list this client's WAN addresses)");
            }
            if (nodes.isEmpty()) {
                throw s.error("source_ips", "must list at least one address");
            }
        }
        List<InetAddress> ips = new ArrayList<>();
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            String label = "source_ips[" + i + "]";
            InetAddress a = s.ipValue(label, nodes.get(i));
            String text = nodes.get(i).textValue();
            int earlier = ips.indexOf(a);
            if (earlier >= 0) {
                throw s.error(label, TomlSection.quote(text, '\'') + " is a duplicate of source_ips[" + earlier + "]");
            }
            requireUnicast(s, label, a);
            // Only the client binds to its source IPs; the server's list is informational.
            if (role == Role.CLIENT && !isLocalAddress.test(a)) {
                throw s.error(label, text + " is not an address of this host");
            }
            ips.add(a);
        }
        return ips;
    }

    private static List<Double> readRates(TomlSection s, int sourceIpCount) throws ConfigException {
        List<JsonNode> nodes = s.array("rates_mbit");
        if (nodes == null) {
            return List.of();
        }
        if (nodes.size() != sourceIpCount) {
            throw s.error("rates_mbit", "has " + nodes.size() + " entries but source_ips has " + sourceIpCount
                    + "; give one rate per source IP");
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String label = "rates_mbit[" + i + "]";
            double rate = s.numberValue(label, nodes.get(i));
            if (rate <= 0) {
                throw s.error(label, "must be a positive number, got " + TomlSection.show(nodes.get(i)));
            }
            rates.add(rate);
        }
        return rates;
    }

    // ---- [performance]

    private static Performance readPerformance(TomlSection s) throws ConfigException {
        String fecMode = s.string("fec_mode", "adaptive");
        if (!FEC_MODES.contains(fecMode)) {
            throw s.error("fec_mode", TomlSection.quote(fecMode, '\'') + " is not one of adaptive, fixed");
        }
        return new Performance(
                s.integer("fec_group_size", 10, 1, 64),
                s.integer("fec_repair_packets", 3, 0, 32),
                fecMode,
                s.integer("fec_max_wait_ms", 5, 1, 1000),
                s.integer("heartbeat_interval_ms", 100, 10, 10_000),
                s.nonNegative("rtt_weight", 0.7),
                s.nonNegative("loss_weight", 0.3),
                s.integer("reorder_timeout_ms", 250, 1, 2000),
                s.integer("small_packet_bytes", 160, 0, 1500),
                s.bool("redundant_small_packets", false),
                s.bool("resend_lost", true));
    }

    // ---- [security]

    private static Security readSecurity(TomlSection s, Path configDir) throws ConfigException {
        Path privateKey = path(s, "private_key_file", s.requiredString("private_key_file"), configDir);
        X25519PublicKey serverKey = publicKey(s, "server_public_key");
        X25519PublicKey clientKey = publicKey(s, "client_public_key");
        if (serverKey.equals(clientKey)) {
            throw s.error("client_public_key", "is the same as server_public_key; each end needs its own key pair");
        }
        String psk = s.string("psk_file", null);
        Path pskFile = psk == null ? null : path(s, "psk_file", psk, configDir);
        String cipher = s.string("cipher", "auto");
        if (!CIPHERS.contains(cipher)) {
            throw s.error("cipher", TomlSection.quote(cipher, '\'')
                    + " is not one of auto, aes-256-gcm, chacha20-poly1305");
        }
        // Short intervals exist for tests of rekeying; keys must stay well below the 180 s WireGuard also uses as a limit.
        int rekeyAfter = s.integer("rekey_after_seconds", 120, 2, 120);
        return new Security(privateKey, serverKey, clientKey, pskFile, cipher, rekeyAfter, s.bool("obfuscate", false));
    }

    private static X25519PublicKey publicKey(TomlSection s, String key) throws ConfigException {
        String text = s.requiredString(key);
        try {
            return X25519PublicKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw s.error(key, e.getMessage() + " (print it on that end with: chainlightning pubkey < its private key file)");
        }
    }

    private static Path path(TomlSection s, String key, String value, Path configDir) throws ConfigException {
        if (value.isBlank()) {
            throw s.error(key, "must not be empty");
        }
        try {
            return configDir.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw s.error(key, TomlSection.quote(value, '\'') + " is not a valid path");
        }
    }

    // ---- [metrics]

    /** Where the HTTP endpoint listens unless the config says otherwise: loopback only, Prometheus's usual exporter port. */
    static final String DEFAULT_METRICS_LISTEN = "127.0.0.1:9100";

    private static Metrics readMetrics(TomlSection s) throws ConfigException {
        String listen = s.string("listen", DEFAULT_METRICS_LISTEN);
        if (listen.isEmpty() || listen.equals("off")) {
            return new Metrics(null);
        }
        return new Metrics(hostAndPort(s, "listen", listen));
    }

    /**
     * "IPv4:port" or "[IPv6]:port", IP literals only (no name lookups at startup). A bare IPv6
     * address is refused rather than guessed at, since its last group could be read as the port.
     */
    private static InetSocketAddress hostAndPort(TomlSection s, String key, String text) throws ConfigException {
        String example = " (write it as 127.0.0.1:9100 or [::1]:9100, or \"off\")";
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw s.error(key, TomlSection.quote(text, '\'') + " has no port" + example);
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw s.error(key, TomlSection.quote(text, '\'') + ": an IPv6 address needs brackets" + example);
        }
        InetAddress address = IpLiterals.parse(host);
        if (address == null || (bracketed != (address instanceof java.net.Inet6Address))) {
            throw s.error(key, TomlSection.quote(text, '\'') + " does not start with an IPv4 or [IPv6] address" + example);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw s.error(key, TomlSection.quote(text, '\'') + ": the port must be between 1 and 65535" + example);
        }
        return new InetSocketAddress(address, Integer.parseInt(port));
    }

    // ---- files

    /** The absolute directory holding the config file, against which relative paths in it are resolved. */
    private static Path directoryOf(String fileName) {
        try {
            Path parent = Path.of(fileName).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        } catch (InvalidPathException e) {
            // Not a real path (e.g. a label for text from elsewhere): fall back to the working directory.
        }
        return Path.of("").toAbsolutePath();
    }

    /** A short reason for a read failure; NIO messages are often just the path, which we print already. */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8 text";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
