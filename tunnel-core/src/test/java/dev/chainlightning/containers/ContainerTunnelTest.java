package dev.chainlightning.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.chainlightning.crypto.noise.KeyFiles;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * The server and client images (bin/build-images) on a Docker network of their own, each with only
 * NET_ADMIN and /dev/net/tun: the client reaches the server's tunnel address (ping, iperf3), both
 * metrics endpoints answer, a restarted server container is found again without restarting the
 * client, and docker stop (SIGTERM) ends the client with exit 0.
 */
@NeedsDocker
@Tag("containers")   // not in the default suite yet: bin/test-containers runs it
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerTunnelTest {
    private static final String SERVER_TUN = "10.99.0.1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @TempDir
    static Path dir;

    private static Network network;
    private static GenericContainer<?> server;
    private static GenericContainer<?> client;

    @BeforeAll
    static void start() throws Exception {
        X25519KeyPair serverKey = X25519KeyPair.generate();
        X25519KeyPair clientKey = X25519KeyPair.generate();
        KeyFiles.writePrivateKey(dir.resolve("server.key"), serverKey);
        KeyFiles.writePrivateKey(dir.resolve("client.key"), clientKey);
        // One config for both ends, as documented; the client's server_ip and source_ips come from
        // the entrypoint's CL_SERVER_IP and CL_SOURCE_IPS=auto (its address on the test network).
        String config = """
                [general]
                server_ip = "192.0.2.1"
                tun_name = "cl0"
                tun_local_ip = "10.99.0.2"
                tun_remote_ip = "%s"
                tun_netmask = "255.255.255.0"

                [links]
                source_ips = ["192.0.2.2"]
                start_port = 9001

                [security]
                private_key_file = "/etc/chainlightning/private.key"
                server_public_key = "%s"
                client_public_key = "%s"

                [metrics]
                listen = "0.0.0.0:9100"
                """.formatted(SERVER_TUN, serverKey.publicKey().toBase64(), clientKey.publicKey().toBase64());
        network = Network.newNetwork();
        server = tunnelContainer("server", config, Files.readAllBytes(dir.resolve("server.key")))
                .waitingFor(Wait.forLogMessage(".*listening on UDP.*", 1).withStartupTimeout(Duration.ofSeconds(60)));
        server.start();
        String serverIp = server.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();
        client = tunnelContainer("client", config, Files.readAllBytes(dir.resolve("client.key")))
                .withEnv("CL_SERVER_IP", serverIp)
                .withEnv("CL_SOURCE_IPS", "auto")
                .waitingFor(Wait.forLogMessage(".*handshake with the server complete.*", 1)
                        .withStartupTimeout(Duration.ofSeconds(60)));
        client.start();
    }

    private static GenericContainer<?> tunnelContainer(String role, String config, byte[] privateKey) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("chainlightning-" + role + ":local"));
        return container
                .withImagePullPolicy(image -> false)   // no registry: a missing image fails at once
                .withNetwork(network)
                .withExposedPorts(9100)
                .withCopyToContainer(Transferable.of(config), "/etc/chainlightning/config.toml")
                .withCopyToContainer(Transferable.of(privateKey, 0600), "/etc/chainlightning/private.key")
                .withLogConsumer((OutputFrame frame) -> {
                    if (frame.getType() != OutputFrame.OutputType.END) {
                        System.out.print("[" + role + "] " + frame.getUtf8String());
                    }
                })
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withCapAdd(Capability.NET_ADMIN)
                        .withDevices(Device.parse("/dev/net/tun")));
    }

    @AfterAll
    static void stop() {
        // Removed even when a test failed; .ci/run also removes containers labelled org.testcontainers=true.
        for (AutoCloseable c : new AutoCloseable[] {client, server, network}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("cleanup: " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void clientPingsTheServersTunnelAddress() throws Exception {
        // "Handshake complete" comes before the first heartbeat answer brings the link up (and a
        // fresh JVM in a container can take a few hundred ms more): a packet sent before then is
        // dropped as no_link. So wait for a first answer, up to 10 s, then ask for three of three.
        for (int i = 0; i < 10 && client.execInContainer("ping", "-c", "1", "-W", "1", SERVER_TUN).getExitCode() != 0; i++) {
            Thread.sleep(200);
        }
        ExecResult ping = client.execInContainer("ping", "-c", "3", "-W", "2", SERVER_TUN);
        assertThat(ping.getExitCode()).as(ping.getStdout() + ping.getStderr()).isZero();
        assertThat(ping.getStdout()).contains("3 received");
    }

    @Test
    @Order(2)
    void iperf3TransferCompletes() throws Exception {
        ExecResult daemon = server.execInContainer("iperf3", "-s", "-1", "-D", "-B", SERVER_TUN);
        assertThat(daemon.getExitCode()).as(daemon.getStderr()).isZero();
        ExecResult transfer = null;
        for (int attempt = 0; attempt < 10; attempt++) {   // until the daemonised server listens
            transfer = client.execInContainer("iperf3", "-c", SERVER_TUN, "-n", "8M", "--connect-timeout", "3000");
            if (transfer.getExitCode() == 0) {
                break;
            }
            Thread.sleep(300);
        }
        assertThat(transfer.getExitCode()).as(transfer.getStdout() + transfer.getStderr()).isZero();
        assertThat(transfer.getStdout()).contains("receiver").contains("iperf Done");
    }

    @Test
    @Order(3)
    void bothMetricsEndpointsAnswer() throws Exception {
        for (GenericContainer<?> c : java.util.List.of(server, client)) {
            int port = hostPort(c);
            assertThat(get(port, "/healthz")).isEqualTo("200 ok\n");
            assertThat(get(port, "/metrics")).startsWith("200 ").contains("chainlightning_");
            ExecResult health = c.execInContainer("/opt/chainlightning/healthcheck");
            assertThat(health.getExitCode()).as("the image's HEALTHCHECK command").isZero();
        }
    }

    @Test
    @Order(4)
    void tunnelComesBackAfterTheServerContainerRestarts() throws Exception {
        DockerClient docker = DockerClientFactory.lazyClient();
        docker.restartContainerCmd(server.getContainerId()).withTimeout(10).exec();
        long start = System.nanoTime();
        boolean back = false;
        while (!back && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
            back = client.execInContainer("ping", "-c", "1", "-W", "1", SERVER_TUN).getExitCode() == 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("tunnel back %.1f s after the server container restarted%n", seconds);
        assertThat(back).as("client reaches the server's tunnel address again").isTrue();
        assertThat(seconds).isLessThan(10);
        assertThat(get(hostPort(server), "/healthz")).isEqualTo("200 ok\n");
    }

    @Test
    @Order(5)
    void dockerStopEndsTheClientWithExitZero() {
        DockerClient docker = DockerClientFactory.lazyClient();
        docker.stopContainerCmd(client.getContainerId()).withTimeout(10).exec();
        var state = docker.inspectContainerCmd(client.getContainerId()).exec().getState();
        assertThat(state.getExitCodeLong()).as("exit code after SIGTERM").isZero();
    }

    /** The host port mapped to the container's 9100, read anew (a restart changes it). */
    private static int hostPort(GenericContainer<?> c) {
        Ports.Binding[] bindings = DockerClientFactory.lazyClient().inspectContainerCmd(c.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(9100));
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
