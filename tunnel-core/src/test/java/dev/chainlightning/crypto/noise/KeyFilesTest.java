package dev.chainlightning.crypto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.crypto.PresharedKey.KeyFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path dir;
    private final List<String> warnings = new ArrayList<>();

    @Test
    void aWrittenKeyIsOwnerOnlyAndReadsBack() throws Exception {
        X25519KeyPair pair = X25519KeyPair.generate();
        Path file = dir.resolve("server.key");
        KeyFiles.writePrivateKey(file, pair);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(pair.privateKeyBase64() + "\n");
        assertThat(KeyFiles.readPrivateKey(file, warnings::add).publicKey()).isEqualTo(pair.publicKey());
        assertThat(warnings).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void anExistingFileIsNotOverwritten() throws Exception {
        Path file = Files.writeString(dir.resolve("server.key"), "keep me");
        assertThatThrownBy(() -> KeyFiles.writePrivateKey(file, X25519KeyPair.generate()))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(file + ": already exists; not overwriting a key file");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path file = dir.resolve("nope").resolve("server.key");
        assertThatThrownBy(() -> KeyFiles.writePrivateKey(file, X25519KeyPair.generate()))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining("does not exist").hasMessageContaining(dir.resolve("nope").toString());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("missing.key");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(file, warnings::add))
                .isInstanceOf(KeyFileException.class)
                .hasMessageStartingWith(file + ": private key file does not exist")
                .hasMessageContaining("genkey");
    }

    @Test
    void malformedFilesSayWhatIsWrong() throws Exception {
        Path notBase64 = Files.writeString(dir.resolve("a.key"), "this is not base64!\n");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(notBase64, warnings::add))
                .isInstanceOf(KeyFileException.class)
                .hasMessageStartingWith(notBase64 + ": private key is not valid base64");

        Path shortKey = Files.writeString(dir.resolve("b.key"), "AAAA\n");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(shortKey, warnings::add))
                .isInstanceOf(KeyFileException.class)
                .hasMessage(shortKey + ": private key decodes to 3 bytes, a key has 32 (44 base64 characters)");

        Path empty = Files.writeString(dir.resolve("c.key"), "\n");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(empty, warnings::add))
                .isInstanceOf(KeyFileException.class).hasMessage(empty + ": private key is empty");

        Path huge = Files.write(dir.resolve("d.key"), new byte[100_000]);
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(huge, warnings::add))
                .isInstanceOf(KeyFileException.class).hasMessageContaining("100000 bytes");
    }

    @Test
    void aFileOthersCanReadIsUsedWithAWarning() throws Exception {
        X25519KeyPair pair = X25519KeyPair.generate();
        Path file = Files.writeString(dir.resolve("open.key"), pair.privateKeyBase64() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(KeyFiles.readPrivateKey(file, warnings::add).publicKey()).isEqualTo(pair.publicKey());
        assertThat(warnings).containsExactly(file + ": private key file is readable by other users; run: chmod 600 " + file);
    }

    @Test
    void wgKeysAreAccepted() throws Exception {
        // The RFC 7748 Alice key in wg's base64 form, as `wg genkey` would store it.
        Path file = Files.writeString(dir.resolve("wg.key"), "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(KeyFiles.readPrivateKey(file, warnings::add).publicKey().toBase64())
                .isEqualTo("hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=");
    }
}
