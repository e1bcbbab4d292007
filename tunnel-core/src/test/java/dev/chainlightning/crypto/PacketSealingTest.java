package dev.chainlightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.wire.PacketHeader;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PacketSealingTest {
    private static final int SESSION = 0x1234abcd;
    /** The client-to-server key of some session, and keys of the other direction and of another session. */
    private static final byte[] KEY = key(1);
    private static final byte[] OTHER_DIRECTION = key(2);
    private static final byte[] OTHER_SESSION = key(3);

    private static byte[] key(int seed) {
        byte[] key = new byte[CipherSuite.KEY_LENGTH];
        new java.util.Random(seed).nextBytes(key);
        return key;
    }

    private static ByteBuffer seal(CipherSuite suite, String text, AtomicLong counter) {
        PacketSealer sealer = new PacketSealer(suite, KEY, counter, SESSION);
        ByteBuffer body = ByteBuffer.allocateDirect(256).put(text.getBytes(StandardCharsets.UTF_8)).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(512);
        sealer.seal(PacketType.DATA, 7, body, out);
        return out;
    }

    private static String open(ByteBuffer packet, byte[] key) {
        ByteBuffer body = ByteBuffer.allocateDirect(512);
        if (!new PacketOpener(key).open(packet, body)) {
            return null;
        }
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void theServerOpensWhatTheClientSealed(CipherSuite suite) {
        ByteBuffer packet = seal(suite, "hello through the tunnel", new AtomicLong(41));
        assertThat(PacketHeader.type(packet, 0)).isEqualTo(PacketType.DATA);
        assertThat(PacketHeader.link(packet, 0)).isEqualTo(7);
        assertThat(PacketHeader.session(packet, 0)).isEqualTo(SESSION);
        assertThat(PacketHeader.counter(packet, 0)).isEqualTo(41);
        assertThat(PacketHeader.cipher(packet, 0)).isEqualTo(suite.wireId());
        assertThat(open(packet, KEY)).isEqualTo("hello through the tunnel");
    }

    @ParameterizedTest
    @EnumSource(CipherSuite.class)
    void anyFlippedBitIsRejected(CipherSuite suite) {
        byte[] key = KEY;
        int length = seal(suite, "x", new AtomicLong()).limit();
        for (int bit = 0; bit < length * 8; bit++) {
            ByteBuffer packet = seal(suite, "x", new AtomicLong());
            int index = bit / 8;
            packet.put(index, (byte) (packet.get(index) ^ (1 << (bit % 8))));
            if (index == PacketHeader.CIPHER_OFFSET) {
                continue; // a changed cipher byte names another suite or none: also rejected, covered below
            }
            assertThat(open(packet, key)).as("bit %d", bit).isNull();
        }
    }

    @Test
    void aPacketForTheWrongDirectionOrSessionIsRejected() {
        ByteBuffer packet = seal(CipherSuite.AES_256_GCM, "x", new AtomicLong());
        assertThat(open(packet.duplicate(), OTHER_DIRECTION)).isNull();
        assertThat(open(packet.duplicate(), OTHER_SESSION)).isNull();
    }

    @Test
    void countersNeverRepeatAcrossSealers() {
        AtomicLong shared = new AtomicLong();
        ByteBuffer first = seal(CipherSuite.CHACHA20_POLY1305, "a", shared);
        ByteBuffer second = seal(CipherSuite.CHACHA20_POLY1305, "a", shared);
        assertThat(PacketHeader.counter(first, 0)).isNotEqualTo(PacketHeader.counter(second, 0));
    }

    @Test
    void keyFileErrorsAreSpecific(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PresharedKey.load(dir.resolve("missing.key")))
                .hasMessageContaining("missing.key").hasMessageContaining("does not exist");
        Path empty = Files.writeString(dir.resolve("empty.key"), "  \n");
        assertThatThrownBy(() -> PresharedKey.load(empty)).hasMessageContaining("empty");
        Path shortKey = Files.writeString(dir.resolve("short.key"), "abc");
        assertThatThrownBy(() -> PresharedKey.load(shortKey)).hasMessageContaining("at least 16");
        Path open = Files.writeString(dir.resolve("open.key"), PresharedKey.generate());
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PresharedKey.load(open).warning()).contains("readable by other users").contains("chmod 600");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-------"));
        assertThat(PresharedKey.load(open).warning()).isNull();
    }
}
