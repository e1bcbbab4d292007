package dev.chainlightning.fec;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and reconstruct throughput per inner loop. One op codes one group; bench/fec-codec.sh
 * turns ops/s into MB/s of data shards (k x shard size per op). Reconstruct loses 2 data shards
 * of 10+3 and 3 of 17+3. Run with bench/fec-codec.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReedSolomonBenchmark {
    @Param({"reference", "table", "swar"})
    public String impl;

    @Param({"10+3x1400", "17+3x65536"})
    public String shape;

    private ReedSolomon codec;
    private LogExpReference reference;
    private byte[][] shards;
    private boolean[] present;
    private int size;

    @Setup
    public void setUp() throws NotEnoughShardsException {
        String[] parts = shape.split("[+x]");
        int k = Integer.parseInt(parts[0]);
        int m = Integer.parseInt(parts[1]);
        size = Integer.parseInt(parts[2]);
        shards = new byte[k + m][size];
        Random random = new Random(7);
        for (int i = 0; i < k; i++) {
            random.nextBytes(shards[i]);
        }
        present = new boolean[k + m];
        java.util.Arrays.fill(present, true);
        int lost = k == 10 ? 2 : 3;
        for (int i = 0; i < lost; i++) {
            present[i * (k / lost)] = false;
        }
        if (impl.equals("reference")) {
            reference = new LogExpReference(k, m);
        } else {
            codec = ReedSolomon.create(k, m, ReedSolomon.Impl.valueOf(impl.toUpperCase(java.util.Locale.ROOT)));
            codec.encodeParity(shards, 0, size);
            codec.reconstruct(shards, present, 0, size); // builds the decode plan outside the measurement
        }
    }

    @Benchmark
    public byte[][] encode() {
        if (reference != null) {
            reference.encodeParity(shards, 0, size);
        } else {
            codec.encodeParity(shards, 0, size);
        }
        return shards;
    }

    @Benchmark
    public byte[][] reconstruct() throws NotEnoughShardsException {
        if (reference != null) {
            reference.reconstruct(shards, present, 0, size);
        } else {
            codec.reconstruct(shards, present, 0, size);
        }
        return shards;
    }
}
