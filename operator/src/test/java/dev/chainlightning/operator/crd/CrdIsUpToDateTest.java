package dev.chainlightning.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** deploy/crds/ must hold the CRD the build generates from the Java types, or an upgrade would ship a stale one. */
class CrdIsUpToDateTest {
    static final String FILE = "bondedtunnels.chainlightning.dev-v1.yml";
    static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8", FILE);
    private static final Path COMMITTED = Path.of("..", "deploy", "crds", FILE);

    @Test
    void committedCrdMatchesTheGeneratedOne() throws Exception {
        assertThat(Files.readString(COMMITTED))
                .as("deploy/crds/" + FILE + " differs from the CRD generated from the Java types; refresh it with:"
                        + " ./mvnw -pl operator -am process-classes -Pupdate-crd (and commit it)")
                .isEqualTo(Files.readString(GENERATED));
    }
}
