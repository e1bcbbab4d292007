package dev.chainlightning.fec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random shapes, lengths and erasure patterns, with the log/exp reference as the oracle. */
class ReedSolomonPropertyTest {
    private static final int ROUNDS = 300;

    private record Shape(int k, int m, int offset, int length) {
    }

    private static Shape shape(Random random) {
        int k = 1 + random.nextInt(30);
        int m = 1 + random.nextInt(10);
        int length = switch (random.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 1 + random.nextInt(15);
            case 2 -> 1 + random.nextInt(9000); // past the coders' chunk sizes
            default -> 1 + 2 * random.nextInt(600); // odd sizes
        };
        return new Shape(k, m, random.nextInt(9), length);
    }

    private static byte[][] randomShards(Random random, Shape s) {
        byte[][] shards = new byte[s.k + s.m][s.offset + s.length + 5];
        for (int i = 0; i < s.k; i++) {
            random.nextBytes(shards[i]);
        }
        return shards;
    }

    private static byte[][] copy(byte[][] shards) {
        byte[][] copy = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            copy[i] = shards[i].clone();
        }
        return copy;
    }

    /** {@code count} distinct random shard indices marked absent. */
    private static boolean[] erase(Random random, int total, int count) {
        boolean[] present = new boolean[total];
        Arrays.fill(present, true);
        for (int erased = 0; erased < count;) {
            int s = random.nextInt(total);
            if (present[s]) {
                present[s] = false;
                erased++;
            }
        }
        return present;
    }

    @Test
    void everyImplementationEncodesLikeTheReference() {
        Random random = new Random(1);
        for (int round = 0; round < ROUNDS; round++) {
            Shape s = shape(random);
            byte[][] expected = randomShards(random, s);
            new LogExpReference(s.k, s.m).encodeParity(expected, s.offset, s.length);
            for (ReedSolomon.Impl impl : ReedSolomon.Impl.values()) {
                byte[][] shards = copy(expected);
                for (int j = s.k; j < s.k + s.m; j++) {
                    Arrays.fill(shards[j], s.offset, s.offset + s.length, (byte) 0xA5);
                }
                ReedSolomon.create(s.k, s.m, impl).encodeParity(shards, s.offset, s.length);
                for (int j = 0; j < s.k + s.m; j++) {
                    assertThat(shards[j]).as("%s %s shard %d", impl, s, j).isEqualTo(expected[j]);
                }
                ByteBuffer[] buffers = heapOrDirect(random, expected);
                ReedSolomon.create(s.k, s.m, impl).encodeParity(buffers, s.offset, s.length);
                for (int j = 0; j < s.k + s.m; j++) {
                    assertThat(bytes(buffers[j])).as("%s %s buffer %d", impl, s, j).isEqualTo(expected[j]);
                }
            }
        }
    }

    @Test
    void upToMErasuresAreAlwaysRecovered() throws NotEnoughShardsException {
        Random random = new Random(2);
        for (int round = 0; round < ROUNDS; round++) {
            Shape s = shape(random);
            byte[][] original = randomShards(random, s);
            ReedSolomon.create(s.k, s.m).encodeParity(original, s.offset, s.length);
            boolean[] present = erase(random, s.k + s.m, random.nextInt(s.m + 1));
            boolean[] presentBefore = present.clone();
            for (ReedSolomon.Impl impl : ReedSolomon.Impl.values()) {
                ReedSolomon codec = ReedSolomon.create(s.k, s.m, impl);
                byte[][] shards = garbled(original, present, s);
                codec.reconstruct(shards, present, s.offset, s.length);
                assertThat(shards).as("%s %s", impl, s).isDeepEqualTo(original);
                assertThat(present).isEqualTo(presentBefore);

                ByteBuffer[] buffers = heapOrDirect(random, garbled(original, present, s));
                codec.reconstruct(buffers, present, s.offset, s.length);
                for (int j = 0; j < s.k + s.m; j++) {
                    assertThat(bytes(buffers[j])).as("%s %s buffer %d", impl, s, j).isEqualTo(original[j]);
                }

                byte[][] reference = garbled(original, present, s);
                new LogExpReference(s.k, s.m).reconstruct(reference, present, s.offset, s.length);
                assertThat(reference).isDeepEqualTo(original);
            }
        }
    }

    @Test
    void reconstructDataRebuildsOnlyMissingDataAndLeavesPresentShardsAlone() throws NotEnoughShardsException {
        Random random = new Random(3);
        for (int round = 0; round < ROUNDS; round++) {
            Shape s = shape(random);
            byte[][] original = randomShards(random, s);
            ReedSolomon.create(s.k, s.m).encodeParity(original, s.offset, s.length);
            boolean[] present = erase(random, s.k + s.m, random.nextInt(s.m + 1));
            for (ReedSolomon.Impl impl : ReedSolomon.Impl.values()) {
                byte[][] shards = garbled(original, present, s);
                byte[][] before = copy(shards);
                ReedSolomon.create(s.k, s.m, impl).reconstructData(shards, present, s.offset, s.length);
                for (int j = 0; j < s.k + s.m; j++) {
                    if (present[j] || j >= s.k) {
                        assertThat(shards[j]).as("%s %s untouched shard %d", impl, s, j).isEqualTo(before[j]);
                    } else {
                        assertThat(shards[j]).as("%s %s rebuilt shard %d", impl, s, j).isEqualTo(original[j]);
                    }
                }
            }
        }
    }

    @Test
    void moreThanMErasuresAlwaysThrow() {
        Random random = new Random(4);
        for (int round = 0; round < ROUNDS; round++) {
            Shape s = shape(random);
            byte[][] original = randomShards(random, s);
            ReedSolomon codec = ReedSolomon.create(s.k, s.m);
            codec.encodeParity(original, s.offset, s.length);
            int erased = s.m + 1 + random.nextInt(s.k);
            boolean[] present = erase(random, s.k + s.m, Math.min(erased, s.k + s.m));
            byte[][] shards = garbled(original, present, s);
            byte[][] before = copy(shards);
            assertThatThrownBy(() -> codec.reconstruct(shards, present, s.offset, s.length))
                    .isInstanceOf(NotEnoughShardsException.class)
                    .hasMessageContaining("shards present, " + s.k + " needed");
            assertThatThrownBy(() -> codec.reconstructData(shards, present, s.offset, s.length))
                    .isInstanceOf(NotEnoughShardsException.class);
            assertThat(shards).as("nothing written on failure").isDeepEqualTo(before);
        }
    }

    @Test
    void messageCountsShards() {
        ReedSolomon codec = ReedSolomon.create(4, 3);
        boolean[] present = {true, false, false, false, true, true, false};
        byte[][] shards = new byte[7][10];
        assertThatThrownBy(() -> codec.reconstruct(shards, present, 0, 10))
                .hasMessage("3 of 4 data shards needed are missing: only 3 of 7 shards present, 4 needed");
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> ReedSolomon.create(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReedSolomon.create(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReedSolomon.create(200, 57)).isInstanceOf(IllegalArgumentException.class);
        ReedSolomon widest = ReedSolomon.create(200, 56);
        assertThat(widest.totalShards()).isEqualTo(256);
        ReedSolomon codec = ReedSolomon.create(3, 2);
        assertThatThrownBy(() -> codec.encodeParity(new byte[4][8], 0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.encodeParity(new byte[5][8], 4, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void widestCodeRecoversFromManyErasures() throws NotEnoughShardsException {
        Random random = new Random(5);
        Shape s = new Shape(200, 56, 1, 77);
        byte[][] original = randomShards(random, s);
        ReedSolomon codec = ReedSolomon.create(s.k, s.m);
        codec.encodeParity(original, s.offset, s.length);
        boolean[] present = erase(random, 256, 56);
        byte[][] shards = garbled(original, present, s);
        codec.reconstruct(shards, present, s.offset, s.length);
        assertThat(shards).isDeepEqualTo(original);
    }

    private static byte[][] garbled(byte[][] original, boolean[] present, Shape s) {
        byte[][] shards = copy(original);
        for (int j = 0; j < shards.length; j++) {
            if (!present[j]) {
                Arrays.fill(shards[j], s.offset, s.offset + s.length, (byte) 0xEE);
            }
        }
        return shards;
    }

    /** Each shard copied into a heap or a direct buffer at random, positions left at 0. */
    private static ByteBuffer[] heapOrDirect(Random random, byte[][] shards) {
        ByteBuffer[] buffers = new ByteBuffer[shards.length];
        for (int j = 0; j < shards.length; j++) {
            ByteBuffer buffer = random.nextBoolean() ? ByteBuffer.allocateDirect(shards[j].length)
                    : ByteBuffer.allocate(shards[j].length);
            buffers[j] = buffer.put(0, shards[j]);
        }
        return buffers;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(buffer.capacity());
        byte[] bytes = new byte[buffer.capacity()];
        buffer.get(0, bytes);
        return bytes;
    }
}
