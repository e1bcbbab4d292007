package dev.chainlightning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.crypto.noise.KeyFiles;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's promises: help lists the commands, and every failure is one line with the right exit code. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server", "client", "demo", "genpsk");
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void anUnknownCommandIsOneLineAndExitTwo() {
        assertThat(run("serve")).isEqualTo(2);
        assertThat(errText()).isEqualTo("chainlightning: unknown command 'serve' (see chainlightning --help)" + System.lineSeparator());
    }

    @Test
    void aBadConfigStopsBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.toml"), """
                [general]
                tun_local_ip = "10.99.0.2"
                tun_remote_ip = "10.99.0.1"
                tun_netmask = "255.255.255.0"
                [links]
                start_port = 70000
                [security]
                private_key_file = "private.key"
                server_public_key = "2LXGoghyGrQrEoR6Vrq/aSgI0HdsB0Qdxtf6rffUbgw="
                client_public_key = "uxgilTMZFAUoCb2ejGbUS8YLEIOoWhBAnW6nIjkhrGc="
                """);
        assertThat(run("server", "--config", config.toString())).isEqualTo(2);
        assertThat(errText().lines()).hasSize(1);
        assertThat(errText()).contains(config.toString()).contains("start_port").contains("70000");
    }

    private static Path configWithKeys(Path dir, String extraSecurity) throws Exception {
        return Files.writeString(dir.resolve("config.toml"), """
                [general]
                tun_local_ip = "10.99.0.2"
                tun_remote_ip = "10.99.0.1"
                tun_netmask = "255.255.255.0"
                [security]
                private_key_file = "private.key"
                server_public_key = "2LXGoghyGrQrEoR6Vrq/aSgI0HdsB0Qdxtf6rffUbgw="
                client_public_key = "uxgilTMZFAUoCb2ejGbUS8YLEIOoWhBAnW6nIjkhrGc="
                """ + extraSecurity);
    }

    @Test
    void aMissingKeyFileNamesTheFile(@TempDir Path dir) throws Exception {
        Path config = configWithKeys(dir, "");
        assertThat(run("server", "--config", config.toString())).isEqualTo(2);
        assertThat(errText().lines()).hasSize(1);
        assertThat(errText()).contains("private.key").contains("does not exist").contains("genkey");
    }

    @Test
    void aPrivateKeyThatIsNotTheConfiguredEndsIsRefused(@TempDir Path dir) throws Exception {
        Path config = configWithKeys(dir, "");
        KeyFiles.writePrivateKey(dir.resolve("private.key"), X25519KeyPair.generate());
        assertThat(run("server", "--config", config.toString())).isEqualTo(2);
        assertThat(errText().lines()).hasSize(1);
        assertThat(errText()).contains("private.key").contains("server_public_key says 2LXGoghyGrQrEoR6Vrq/aSgI0HdsB0Qdxtf6rffUbgw=");
    }

    @Test
    void aMissingPresharedKeyFileNamesTheFile(@TempDir Path dir) throws Exception {
        X25519KeyPair server = X25519KeyPair.generate();
        KeyFiles.writePrivateKey(dir.resolve("private.key"), server);
        Path config = configWithKeys(dir, "psk_file = \"missing-psk.key\"\n");
        Files.writeString(config, Files.readString(config).replace("2LXGoghyGrQrEoR6Vrq/aSgI0HdsB0Qdxtf6rffUbgw=", server.publicKey().toBase64()));
        assertThat(run("server", "--config", config.toString())).isEqualTo(2);
        assertThat(errText()).contains("missing-psk.key").contains("does not exist");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("client", "--confg", "x")).isEqualTo(2);
        assertThat(errText()).contains("--confg");
    }

    @Test
    void genpskPrintsAFreshKeyEachTime() {
        assertThat(run("genpsk")).isZero();
        assertThat(run("genpsk")).isZero();
        String[] keys = out.toString(StandardCharsets.UTF_8).split("\\R");
        assertThat(keys).hasSize(2);
        assertThat(keys[0]).hasSize(44).isNotEqualTo(keys[1]);
    }
}
