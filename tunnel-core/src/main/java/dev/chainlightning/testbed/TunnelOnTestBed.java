package dev.chainlightning.testbed;

import dev.chainlightning.crypto.PresharedKey;
import dev.chainlightning.crypto.noise.KeyFiles;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ChainLightning server and client running as separate processes in the server and client
 * namespaces of a {@link TestBed}, with a config made for it. Used by the end-to-end tests, the
 * {@code demo} command and the benchmark. Both processes run this JVM's own classpath.
 */
public final class TunnelOnTestBed implements AutoCloseable {
    public static final String CLIENT_TUN_IP = "10.99.0.2";
    public static final String SERVER_TUN_IP = "10.99.0.1";
    public static final String TUN_NAME = "cl0";
    private static final Pattern COUNTER = Pattern.compile("([a-z_]+) (\\d+)");
    /** image-common/jvm.options, copied here by the build (tunnel-core/pom.xml). */
    public static final String JVM_OPTIONS_RESOURCE = "/dev/chainlightning/jvm.options";

    private final TestBed bed;
    private final Path dir;
    private Process server;
    private Process client;

    private TunnelOnTestBed(TestBed bed, Path dir) {
        this.bed = bed;
        this.dir = dir;
    }

    /**
     * Writes config and key into {@code dir}, starts server and client, and waits until a ping
     * crosses the tunnel. {@code extraLinks} and {@code extraGeneral} are TOML lines added to those
     * sections (for example {@code rates_mbit = [20, 30, 50]}).
     */
    public static TunnelOnTestBed start(TestBed bed, Path dir, String extraGeneral, String extraLinks) throws IOException {
        return start(bed, dir, extraGeneral, extraLinks, "");
    }

    /** As above, with lines for the {@code [performance]} section too (FEC settings, for example). */
    public static TunnelOnTestBed start(TestBed bed, Path dir, String extraGeneral, String extraLinks, String extraPerformance)
            throws IOException {
        return start(bed, dir, extraGeneral, extraLinks, extraPerformance, "");
    }

    /** As above, with lines for the {@code [security]} section too (a short rekey_after_seconds, for example). */
    public static TunnelOnTestBed start(TestBed bed, Path dir, String extraGeneral, String extraLinks, String extraPerformance,
                                        String extraSecurity) throws IOException {
        return start(bed, dir, extraGeneral, extraLinks, extraPerformance, extraSecurity, "");
    }

    /**
     * As above, with lines for a {@code [metrics]} section too (none: the default, 127.0.0.1:9100).
     * Each end runs in its own namespace with its own loopback, so both may use the same address.
     */
    public static TunnelOnTestBed start(TestBed bed, Path dir, String extraGeneral, String extraLinks, String extraPerformance,
                                        String extraSecurity, String extraMetrics) throws IOException {
        String metrics = extraMetrics.isBlank() ? "" : "[metrics]\n" + extraMetrics + "\n";
        writeConfigs(dir, config(bed, extraGeneral, extraLinks, extraPerformance) + extraSecurity + "\n", metrics);
        TunnelOnTestBed tunnel = new TunnelOnTestBed(bed, dir);
        try {
            tunnel.startServer();
            tunnel.startClient();
            tunnel.awaitPing(Duration.ofSeconds(15));
        } catch (IOException | RuntimeException e) {
            tunnel.close();
            throw e;
        }
        return tunnel;
    }

    /**
     * The same config for both ends, as users write it, in a directory per end ({@code server/},
     * {@code client/}) beside that end's own private key and the shared pre-shared key.
     * {@code sectionsAfterSecurity} follows the keys, which end the {@code [security]} section.
     */
    private static void writeConfigs(Path dir, String configWithoutKeys, String sectionsAfterSecurity) throws IOException {
        X25519KeyPair server = X25519KeyPair.generate();
        X25519KeyPair client = X25519KeyPair.generate();
        String psk = PresharedKey.generate() + "\n";
        String config = configWithoutKeys + """
                private_key_file = "private.key"
                server_public_key = "%s"
                client_public_key = "%s"
                psk_file = "psk.key"
                """.formatted(server.publicKey().toBase64(), client.publicKey().toBase64()) + sectionsAfterSecurity;
        for (String role : List.of("server", "client")) {
            Path roleDir = Files.createDirectories(dir.resolve(role));
            Files.deleteIfExists(roleDir.resolve("private.key"));
            try {
                KeyFiles.writePrivateKey(roleDir.resolve("private.key"), role.equals("server") ? server : client);
            } catch (PresharedKey.KeyFileException e) {
                throw new IOException(e.getMessage(), e);
            }
            Path pskFile = roleDir.resolve("psk.key");
            Files.writeString(pskFile, psk);
            Files.setPosixFilePermissions(pskFile, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(roleDir.resolve("config.toml"), config);
        }
    }

    static String config(TestBed bed, String extraGeneral, String extraLinks, String extraPerformance) {
        String sources = String.join(", ", bed.clientSourceIps().stream().map(ip -> "\"" + ip + "\"").toList());
        return """
                [general]
                server_ip = "%s"
                tun_name = "%s"
                tun_local_ip = "%s"
                tun_remote_ip = "%s"
                tun_netmask = "255.255.255.0"
                stats_interval_s = 1
                %s
                [links]
                source_ips = [%s]
                start_port = 9001
                links_per_wan = 1
                %s
                [performance]
                heartbeat_interval_ms = 100
                %s
                [security]
                """.formatted(bed.serverIp(), TUN_NAME, CLIENT_TUN_IP, SERVER_TUN_IP, extraGeneral, sources, extraLinks,
                extraPerformance);
    }

    public void startServer() throws IOException {
        server = bed.start(bed.serverNs(), command("server"), dir.resolve("server.log"));
    }

    public void startClient() throws IOException {
        client = bed.start(bed.clientNs(), command("client"), dir.resolve("client.log"));
    }

    private List<String> command(String role) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions(System.getenv("JAVA_OPTS")));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.chainlightning.cli.Main", role,
                "--config", dir.resolve(role).resolve("config.toml").toString()));
        return cmd;
    }

    /**
     * The tunnel's JVM flags as the images and bin/chainlightning pass them: image-common/jvm.options
     * (copied into the jar by the build), then {@code javaOpts} (the JAVA_OPTS variable, may be null).
     * Written out rather than passed as an @argfile so /proc/PID/cmdline shows them (LineRateBenchmark
     * prints them from there).
     */
    public static List<String> jvmOptions(String javaOpts) throws IOException {
        List<String> options = new ArrayList<>();
        try (var in = TunnelOnTestBed.class.getResourceAsStream(JVM_OPTIONS_RESOURCE)) {
            if (in == null) {
                throw new IOException(JVM_OPTIONS_RESOURCE + " is not on the class path (built without Maven?)");
            }
            options.addAll(parseArgFile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        if (javaOpts != null && !javaOpts.isBlank()) {
            options.addAll(List.of(javaOpts.strip().split("\\s+")));
        }
        return options;
    }

    /** The flags in a java launcher @argfile: whitespace-separated, # to the end of the line a comment (no quoting used). */
    public static List<String> parseArgFile(String text) {
        List<String> flags = new ArrayList<>();
        for (String line : text.split("\n")) {
            int hash = line.indexOf('#');
            String flagsOnLine = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!flagsOnLine.isEmpty()) {
                flags.addAll(List.of(flagsOnLine.split("\\s+")));
            }
        }
        return flags;
    }

    /** Waits until the client can ping the server's tunnel address. */
    public void awaitPing(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkAlive(server, "server");
            checkAlive(client, "client");
            if (bed.exec(bed.clientNs(), "ping", "-c", "1", "-W", "1", SERVER_TUN_IP).ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no ping through the tunnel after " + timeout + "\nserver log:\n" + log("server")
                        + "\nclient log:\n" + log("client"));
            }
        }
    }

    private void checkAlive(Process p, String role) throws IOException {
        if (p != null && !p.isAlive()) {
            throw new IOException(role + " exited with " + p.exitValue() + ":\n" + log(role));
        }
    }

    /** Sends SIGTERM and waits; returns the exit code (or -1 if it had to be killed). */
    public int stop(String role) {
        Process p = role.equals("server") ? server : client;
        if (p == null) {
            return -1;
        }
        p.destroy();
        try {
            if (p.waitFor(10, TimeUnit.SECONDS)) {
                return p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.destroyForcibly();
        return -1;
    }

    public Process process(String role) {
        return role.equals("server") ? server : client;
    }

    public String log(String role) {
        try {
            return Files.readString(dir.resolve(role + ".log"));
        } catch (IOException e) {
            return "(no " + role + " log: " + e.getMessage() + ")";
        }
    }

    /** The counters of the latest "ROLE tunnel ..." statistics line, by name. */
    public Map<String, Long> tunnelCounters(String role) {
        return counters(role, "tunnel");
    }

    /** The counters of the latest "ROLE fec ..." statistics line, by name. */
    public Map<String, Long> fecCounters(String role) {
        return counters(role, "fec");
    }

    private Map<String, Long> counters(String role, String kind) {
        String latest = null;
        for (String line : log(role).split("\n")) {
            if (line.startsWith(role + " " + kind + " ")) {
                latest = line;
            }
        }
        Map<String, Long> counters = new LinkedHashMap<>();
        if (latest != null) {
            // "drops malformed 3 auth 1": name each drop counter drop_<reason>.
            String[] parts = latest.split("\\|");
            for (String part : parts) {
                String prefix = part.trim().startsWith("drops") ? "drop_" : part.trim().startsWith("reorder") ? "reorder_" : "";
                Matcher m = COUNTER.matcher(part);
                while (m.find()) {
                    counters.put(prefix + m.group(1).toLowerCase(Locale.ROOT), Long.parseLong(m.group(2)));
                }
            }
        }
        return counters;
    }

    /** The server's public key, as the config lists it (what a client, or an attacker who read the config, knows). */
    public String serverPublicKey() throws IOException {
        for (String line : Files.readAllLines(dir.resolve("server").resolve("config.toml"))) {
            if (line.startsWith("server_public_key")) {
                return line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
            }
        }
        throw new IOException("no server_public_key in " + dir.resolve("server").resolve("config.toml"));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        stop("client");
        stop("server");
    }
}
