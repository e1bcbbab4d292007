package dev.chainlightning.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObfuscatorTest {
    private final byte[] serverKey = new byte[32];
    private final Obfuscator sender = new Obfuscator(serverKey);
    private final Obfuscator receiver = new Obfuscator(serverKey);

    private static byte[] datagram(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        if (length > 4) {
            bytes[0] = 1; // a sealed DATA header: type, link, cipher, reserved
            bytes[1] = 0;
            bytes[2] = 1;
            bytes[3] = 0;
        }
        return bytes;
    }

    private ByteBuffer wrapped(byte[] original) {
        ByteBuffer buf = ByteBuffer.allocate(original.length + Obfuscator.MAX_OVERHEAD);
        buf.put(original).flip();
        sender.wrap(buf);
        return buf;
    }

    @Test
    void everyLengthComesBackUnchanged() {
        for (int length = 0; length <= 200; length++) {
            byte[] original = datagram(length, length);
            ByteBuffer buf = wrapped(original);
            assertThat(buf.limit()).isBetween(length + 13, length + Obfuscator.MAX_OVERHEAD);
            assertThat(receiver.unwrap(buf)).isTrue();
            byte[] back = new byte[buf.limit()];
            buf.get(0, back);
            assertThat(back).as("length %d", length).isEqualTo(original);
        }
    }

    @Test
    void noByteOfAConstantHeaderStaysConstantAndSizesVary() {
        byte[] original = datagram(152, 7); // the same datagram every time: the worst case
        Set<Integer> sizes = new HashSet<>();
        @SuppressWarnings("unchecked")
        Set<Byte>[] seen = new Set[64];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new HashSet<>();
        }
        for (int n = 0; n < 2000; n++) {
            ByteBuffer buf = wrapped(original);
            sizes.add(buf.limit());
            for (int i = 0; i < 48; i++) {
                seen[i].add(buf.get(i));
            }
            for (int i = 0; i < 16; i++) {
                seen[48 + i].add(buf.get(original.length - 16 + i));
            }
        }
        for (int i = 0; i < seen.length; i++) {
            assertThat(seen[i]).as("values of masked byte %d in 2000 datagrams", i).hasSizeGreaterThan(200);
        }
        assertThat(sizes).as("datagram sizes").hasSize(Obfuscator.MAX_PADDING + 1);
    }

    @Test
    void anotherServersKeyRestoresSomethingElse() {
        byte[] original = datagram(100, 3);
        ByteBuffer buf = wrapped(original);
        byte[] other = new byte[32];
        other[0] = 1;
        Obfuscator stranger = new Obfuscator(other);
        boolean restored = stranger.unwrap(buf);
        if (restored) {
            byte[] back = new byte[buf.limit()];
            buf.get(0, back);
            assertThat(back).isNotEqualTo(original);
        }
    }

    @Test
    void tooShortIsRefused() {
        assertThat(receiver.unwrap(ByteBuffer.allocate(12))).isFalse();
    }

    @Test
    void aReplayedDatagramUnwrapsAgain() {
        byte[] original = datagram(60, 1);
        ByteBuffer buf = wrapped(original);
        byte[] copy = new byte[buf.limit()];
        buf.get(0, copy);
        assertThat(receiver.unwrap(buf)).isTrue();
        // The same nonce twice: the layer must not fail (the replay window refuses it afterwards).
        assertThat(receiver.unwrap(ByteBuffer.wrap(copy))).isTrue();
    }
}
