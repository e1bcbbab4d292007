package dev.chainlightning.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenVPN 2.6 as the yardstick for {@link LineRateBenchmark}: one instance in the
 * server namespace and one in the client namespace of a {@link TestBed}, point to point over
 * link 0 (UDP, TUN, AES-256-GCM). OpenVPN 2.6 no longer runs AES-GCM with a static key, so the
 * two ends run TLS with throwaway self-signed certificates and pin each other's fingerprint
 * ({@code --peer-fingerprint}): no CA needed. Its tunnel addresses differ from ours, so both could
 * run at once; the benchmark runs them one after the other.
 */
public final class OpenVpnOnTestBed implements AutoCloseable {
    public static final String CLIENT_TUN_IP = "10.98.0.2";
    public static final String SERVER_TUN_IP = "10.98.0.1";
    private static final int PORT = 1194;
    private static final String CIPHER = "AES-256-GCM";

    private final TestBed bed;
    private final Path dir;
    private Process server;
    private Process client;

    private OpenVpnOnTestBed(TestBed bed, Path dir) {
        this.bed = bed;
        this.dir = dir;
    }

    /** Makes certificates in {@code dir}, starts both ends and waits until a ping crosses the tunnel. */
    public static OpenVpnOnTestBed start(TestBed bed, Path dir) throws IOException {
        Files.createDirectories(dir);
        String serverFingerprint = selfSignedCertificate(dir, "server");
        String clientFingerprint = selfSignedCertificate(dir, "client");
        OpenVpnOnTestBed vpn = new OpenVpnOnTestBed(bed, dir);
        try {
            vpn.server = bed.start(bed.serverNs(), vpn.command("server", clientFingerprint,
                    List.of("--tls-server", "--dh", "none", "--local", bed.serverIp(), "--lport", String.valueOf(PORT),
                            "--ifconfig", SERVER_TUN_IP, CLIENT_TUN_IP)), dir.resolve("server.log"));
            vpn.client = bed.start(bed.clientNs(), vpn.command("client", serverFingerprint,
                    List.of("--tls-client", "--local", bed.clientLinkIp(0), "--lport", String.valueOf(PORT),
                            "--remote", bed.serverIp(), String.valueOf(PORT),
                            "--ifconfig", CLIENT_TUN_IP, SERVER_TUN_IP)), dir.resolve("client.log"));
            vpn.awaitPing(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            vpn.close();
            throw e;
        }
        return vpn;
    }

    /**
     * Options both ends share. {@code --disable-dco}: Debian's 2.6 would try the kernel data
     * channel offload module, which this kernel does not have in the form 2.6 speaks; saying so
     * keeps the comparison user space against user space whatever the kernel.
     */
    private List<String> command(String role, String peerFingerprint, List<String> roleOptions) {
        List<String> cmd = new ArrayList<>(List.of("openvpn", "--dev", "tun", "--proto", "udp",
                "--data-ciphers", CIPHER, "--cipher", CIPHER, "--disable-dco",
                "--cert", dir.resolve(role + ".crt").toString(), "--key", dir.resolve(role + ".key").toString(),
                "--peer-fingerprint", peerFingerprint, "--verb", "3"));
        cmd.addAll(roleOptions);
        return cmd;
    }

    /** A P-256 key and a one-day self-signed certificate for {@code name}; returns its SHA-256 fingerprint. */
    private static String selfSignedCertificate(Path dir, String name) throws IOException {
        String key = dir.resolve(name + ".key").toString();
        String cert = dir.resolve(name + ".crt").toString();
        Shell.runOrThrow(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=" + name));
        // Prints "sha256 Fingerprint=AB:CD:..." (the case of the label varies between versions).
        String line = Shell.runOrThrow(List.of("openssl", "x509", "-in", cert, "-noout", "-fingerprint", "-sha256"))
                .stdout().trim();
        return line.substring(line.indexOf('=') + 1);
    }

    private void awaitPing(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Process p : List.of(server, client)) {
                if (!p.isAlive()) {
                    throw new IOException("openvpn exited with " + p.exitValue() + "\nserver log:\n" + log("server")
                            + "\nclient log:\n" + log("client"));
                }
            }
            if (bed.exec(bed.clientNs(), "ping", "-c", "1", "-W", "1", SERVER_TUN_IP).ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no ping through OpenVPN after " + timeout + "\nserver log:\n" + log("server")
                        + "\nclient log:\n" + log("client"));
            }
            sleep(200); // before the TUN device exists, ping fails at once
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for OpenVPN", e);
        }
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

    @Override
    public void close() {
        for (Process p : new Process[] {client, server}) {
            if (p == null) {
                continue;
            }
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
