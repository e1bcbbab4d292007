package dev.chainlightning.fec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Encode and reconstruct allocate nothing once the erasure patterns' plans are cached. */
class ReedSolomonAllocationTest {
    private static final int CALLS = 10_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private interface Work {
        void run() throws NotEnoughShardsException;
    }

    private static long allocatedBy(Work work) throws NotEnoughShardsException {
        work.run(); // warm-up: plans, JIT
        work.run();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        work.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @ParameterizedTest
    @EnumSource(ReedSolomon.Impl.class)
    void steadyStateAllocatesNothing(ReedSolomon.Impl impl) throws NotEnoughShardsException {
        ReedSolomon codec = ReedSolomon.create(10, 3, impl);
        byte[][] shards = new byte[13][1400];
        ByteBuffer[] buffers = new ByteBuffer[13];
        Random random = new Random(6);
        for (int i = 0; i < 13; i++) {
            random.nextBytes(shards[i]);
            buffers[i] = ByteBuffer.allocateDirect(1403);
        }
        boolean[][] patterns = new boolean[4][13];
        for (boolean[] pattern : patterns) {
            java.util.Arrays.fill(pattern, true);
        }
        patterns[0][2] = false;
        patterns[1][0] = patterns[1][9] = patterns[1][11] = false;
        patterns[2][4] = patterns[2][12] = false;
        patterns[3][1] = false;
        long bytes = allocatedBy(() -> {
            for (int i = 0; i < CALLS; i++) {
                codec.encodeParity(shards, 0, 1400);
                codec.reconstruct(shards, patterns[0], 0, 1400); // the same pattern every time
                codec.reconstruct(shards, patterns[i & 3], 0, 1400); // alternating patterns
                codec.reconstructData(shards, patterns[(i + 1) & 3], 0, 1400);
                if ((i & 15) == 0) {
                    codec.encodeParity(buffers, 3, 1400);
                    codec.reconstruct(buffers, patterns[i & 3], 3, 1400);
                }
            }
        });
        assertThat(bytes).as("bytes allocated by %d rounds", CALLS).isLessThan(1024);
    }
}
