package dev.chainlightning.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec against the golden vectors in shared/rs-vectors (Backblaze / klauspost compatible). */
class ReedSolomonVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** shared/rs-vectors in the first ancestor of the module directory that has it. */
    static Path vectorDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("rs-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("no shared/rs-vectors in any ancestor of " + Path.of("").toAbsolutePath()
                + "; the golden Reed-Solomon vectors are missing");
    }

    static Stream<Arguments> cases() throws IOException {
        List<Path> files = VectorChecker.caseFiles(vectorDir());
        assertThat(files).as("case-*.json files in %s", vectorDir()).hasSize(32);
        return files.stream().flatMap(f -> Stream.of(ReedSolomon.Impl.values()).map(impl -> Arguments.of(f, impl)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void caseFileChecksPass(Path file, ReedSolomon.Impl impl) {
        VectorChecker.Outcome outcome = VectorChecker.check(file, impl);
        assertThat(outcome.failures()).as(file.getFileName().toString()).isEmpty();
    }

    @Test
    void fieldMatchesMulSamplesAndTables() throws IOException {
        JsonNode field = JSON.readTree(vectorDir().resolve("gf256.json").toFile());
        assertThat(field.get("polynomial").asText()).isEqualTo("0x11d");
        JsonNode samples = field.get("mulSamples");
        assertThat(samples.size()).isPositive();
        for (JsonNode sample : samples) {
            int a = sample.get(0).asInt();
            int b = sample.get(1).asInt();
            assertThat(Gf256.mul(a, b)).as("%d * %d", a, b).isEqualTo(sample.get(2).asInt());
            assertThat(LogExpReference.mul(a, b)).as("reference %d * %d", a, b).isEqualTo(sample.get(2).asInt());
        }
        JsonNode exp = field.get("exp");
        for (int i = 0; i < 255; i++) {
            assertThat(Gf256.pow(2, i)).as("2^%d", i).isEqualTo(exp.get(i).asInt());
        }
    }

    @Test
    void matricesMatchParityRows() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(vectorDir())) {
            files = list.filter(f -> f.getFileName().toString().matches("matrix-.*\\.json")).sorted().toList();
        }
        assertThat(files).hasSize(8);
        for (Path file : files) {
            JsonNode matrix = JSON.readTree(file.toFile());
            int k = matrix.get("dataShards").asInt();
            int m = matrix.get("parityShards").asInt();
            byte[][] ours = ReedSolomon.create(k, m).parityRows();
            byte[][] encoding = GfMatrix.encodingMatrix(k, m);
            byte[][] vandermonde = GfMatrix.vandermonde(k + m, k);
            int[][] reference = new LogExpReference(k, m).parityRows();
            for (int j = 0; j < m; j++) {
                String expected = matrix.get("parityRows").get(j).asText();
                assertThat(HEX.formatHex(ours[j])).as("%s parity row %d", file.getFileName(), j).isEqualTo(expected);
                byte[] ref = new byte[k];
                for (int i = 0; i < k; i++) {
                    ref[i] = (byte) reference[j][i];
                }
                assertThat(HEX.formatHex(ref)).as("%s reference row %d", file.getFileName(), j).isEqualTo(expected);
            }
            for (int r = 0; r < k + m; r++) {
                assertThat(HEX.formatHex(encoding[r])).isEqualTo(matrix.get("encodingMatrix").get(r).asText());
                assertThat(HEX.formatHex(vandermonde[r])).isEqualTo(matrix.get("vandermonde").get(r).asText());
            }
        }
    }

    @Test
    void backblazeUnitTestExample() throws NotEnoughShardsException {
        ReedSolomon codec = ReedSolomon.create(5, 5);
        byte[][] shards = {{0, 1}, {4, 5}, {2, 3}, {6, 7}, {8, 9}, new byte[2], new byte[2], new byte[2], new byte[2],
            new byte[2]};
        codec.encodeParity(shards, 0, 2);
        assertThat(shards[5]).containsExactly(12, 13);
    }
}
