package dev.chainlightning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genkey} and {@code pubkey}, run in-process; their output must be interchangeable with wg's. */
class KeyCommandsTest {
    // RFC 7748 section 6.1's Alice, in wg's base64 form.
    private static final String PRIVATE = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=";
    private static final String PUBLIC = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=";

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheKeyCommands() {
        assertThat(run("", "--help")).isZero();
        assertThat(outText()).contains("genkey [FILE]", "pubkey");
    }

    @Test
    void genkeyPrintsAFreshClampedKeyEachTime() {
        assertThat(run("", "genkey")).isZero();
        String first = outText().strip();
        assertThat(run("", "genkey")).isZero();
        String second = outText().strip();
        assertThat(first).hasSize(44).isNotEqualTo(second);
        byte[] k = Base64.getDecoder().decode(first);
        assertThat(k).hasSize(32);
        assertThat(k[0] & 7).isZero();
        assertThat(k[31] & 0xc0).isEqualTo(0x40);
        assertThat(errText()).isEmpty();
    }

    @Test
    void pubkeyPrintsThePublicKeyOfStdin() {
        assertThat(run(PRIVATE + "\n", "pubkey")).isZero();
        assertThat(outText()).isEqualTo(PUBLIC + System.lineSeparator());
    }

    @Test
    void genkeyThenPubkeyAgree() {
        run("", "genkey");
        String privateKey = outText();
        assertThat(run(privateKey, "pubkey")).isZero();
        assertThat(Base64.getDecoder().decode(outText().strip())).hasSize(32);
    }

    @Test
    void pubkeyRejectsBadInputInOneLine() {
        assertThat(run("hello\n", "pubkey")).isEqualTo(2);
        assertThat(errText()).startsWith("chainlightning pubkey: stdin: private key is not valid base64");
        assertThat(errText().lines()).hasSize(1);

        assertThat(run("AAAA", "pubkey")).isEqualTo(2);
        assertThat(errText()).contains("decodes to 3 bytes");

        assertThat(run("", "pubkey")).isEqualTo(2);
        assertThat(errText()).contains("private key is empty");

        assertThat(run(PRIVATE, "pubkey", "extra")).isEqualTo(2);
        assertThat(errText()).contains("takes no arguments");
    }

    @Test
    void genkeyWritesAnOwnerOnlyFileThatPubkeyReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.key");
        assertThat(run("", "genkey", file.toString())).isZero();
        assertThat(outText()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(run(Files.readString(file), "pubkey")).isZero();
        assertThat(outText().strip()).hasSize(44);
    }

    @Test
    void genkeyRefusesToReplaceAKeyFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("client.key"), PRIVATE + "\n");
        assertThat(run("", "genkey", file.toString())).isEqualTo(1);
        assertThat(errText()).isEqualTo("chainlightning genkey: " + file + ": already exists; not overwriting a key file"
                + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo(PRIVATE + "\n");
        assertThat(run("", "genkey", "a", "b")).isEqualTo(2);
    }
}
