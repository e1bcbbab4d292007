package dev.chainlightning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FecVectorsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static Path vectorDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("rs-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("no shared/rs-vectors in any ancestor of " + Path.of("").toAbsolutePath());
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static Path copyOfVectors(Path target) throws IOException {
        for (Path file : Files.newDirectoryStream(vectorDir(), "case-*.json")) {
            Files.copy(file, target.resolve(file.getFileName()));
        }
        return target;
    }

    @Test
    void sharedVectorsAllPass() {
        assertThat(run("fec-vectors", vectorDir().toString())).isZero();
        assertThat(outLines()).last().isEqualTo("32 passed, 0 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aCorruptedParityByteFailsThatFile(@TempDir Path dir) throws IOException {
        copyOfVectors(dir);
        Path file = dir.resolve("case-k10-m3-s64.json");
        String json = Files.readString(file);
        int at = json.indexOf("\"parity\": [") + "\"parity\": [".length();
        int hex = json.indexOf('"', at) + 1;
        char flipped = json.charAt(hex) == '0' ? '1' : '0';
        Files.writeString(file, json.substring(0, hex) + flipped + json.substring(hex + 1));

        assertThat(run("fec-vectors", dir.toString())).isEqualTo(1);
        assertThat(outLines()).last().isEqualTo("31 passed, 1 failed");
        assertThat(outLines()).anyMatch(l -> l.startsWith("case-k10-m3-s64.json: parity (byte[]): shard 10"));
    }

    @Test
    void aMalformedFileCountsAsFailed(@TempDir Path dir) throws IOException {
        copyOfVectors(dir);
        Files.writeString(dir.resolve("case-k2-m1-s7.json"), "{\"format\": \"rs-gf256-case/1\", ");
        Files.writeString(dir.resolve("case-k4-m2-s7.json"), "{\"format\": \"rs-gf256-case/1\"}");

        assertThat(run("fec-vectors", dir.toString())).isEqualTo(1);
        assertThat(outLines()).last().isEqualTo("30 passed, 2 failed");
        assertThat(outLines()).anyMatch(l -> l.startsWith("case-k2-m1-s7.json: malformed JSON:"));
        assertThat(outLines()).contains(
                "case-k4-m2-s7.json: malformed: 'dataShards' is missing or not a positive integer");
    }

    @Test
    void aMissingDirectoryIsAUsageError(@TempDir Path dir) {
        assertThat(run("fec-vectors", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("is not a directory");
        assertThat(run("fec-vectors")).isEqualTo(2);
    }
}
