package dev.chainlightning.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.testbed.TunnelOnTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tunnel's JVM flags are written once, in image-common/jvm.options, and every launch path
 * uses that file: the images (Dockerfiles copy it, the entrypoint passes it as an @argfile before
 * JAVA_OPTS), bin/chainlightning (systemd units run it too) and the test bed (from the jar's copy),
 * so the benchmarks measure what users run. Fails when a launch path sets flags of its own.
 */
class JvmOptionsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path OPTIONS = ROOT.resolve("image-common/jvm.options");
    /** Heap, collector and other -X/-XX flags written outside jvm.options would drift from it. */
    private static final Pattern OWN_FLAG = Pattern.compile("(?<![\\w-])(-X[a-z]\\w*|-XX:\\S+|--enable-native-access\\S*)");

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    private static List<String> fileOptions() throws IOException {
        return TunnelOnTestBed.parseArgFile(Files.readString(OPTIONS));
    }

    @Test
    void optionsFileSetsTheHeap() throws IOException {
        assertThat(fileOptions()).contains("--enable-native-access=ALL-UNNAMED")
                .anyMatch(o -> o.startsWith("-Xmx"));
    }

    @Test
    void testBedStartsTunnelsWithTheSameOptionsThenJavaOpts() throws IOException {
        assertThat(TunnelOnTestBed.jvmOptions(null)).isEqualTo(fileOptions());
        List<String> withOverride = TunnelOnTestBed.jvmOptions(" -Xmx1g  -Dx=y ");
        assertThat(withOverride.subList(0, fileOptions().size())).isEqualTo(fileOptions());
        assertThat(withOverride.subList(fileOptions().size(), withOverride.size())).containsExactly("-Xmx1g", "-Dx=y");
    }

    @Test
    void entrypointPassesTheFileThenJavaOpts() throws IOException {
        String exec = read("image-common/entrypoint").lines().filter(l -> l.startsWith("exec java")).findFirst().orElseThrow();
        assertThat(exec).startsWith("exec java @/opt/chainlightning/jvm.options ${JAVA_OPTS:-} -jar ");
        assertThat(OWN_FLAG.matcher(exec).find()).as("flags of its own in: %s", exec).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "server"})
    void imagesCopyTheFileNextToTheEntrypoint(String role) throws IOException {
        String dockerfile = read(role + "-image/Dockerfile");
        assertThat(dockerfile.lines()).anyMatch(l -> l.matches("COPY .*\\bjvm\\.options\\b.* /opt/chainlightning/"));
        assertThat(OWN_FLAG.matcher(dockerfile).find()).as("JVM flags in %s-image/Dockerfile", role).isFalse();
        assertThat(read("bin/build-images")).contains("\"$ROOT/image-common/jvm.options\" \"$context/\"");
    }

    @Test
    void commandLineUsesTheFileThenJavaOpts() throws IOException {
        String script = read("bin/chainlightning");
        String exec = script.lines().filter(l -> l.startsWith("exec ")).findFirst().orElseThrow();
        assertThat(exec).startsWith("exec \"$JAVA_HOME/bin/java\" @\"$ROOT/image-common/jvm.options\" ${JAVA_OPTS:-} -jar ");
        assertThat(OWN_FLAG.matcher(script).find()).as("flags of its own in bin/chainlightning").isFalse();
    }

    @Test
    void testBedSourceSetsNoFlagsOfItsOwn() throws IOException {
        String source = Files.readString(Path.of("src/main/java/dev/chainlightning/testbed/TunnelOnTestBed.java"));
        assertThat(OWN_FLAG.matcher(source).find()).as("JVM flags written in TunnelOnTestBed.java").isFalse();
    }
}
