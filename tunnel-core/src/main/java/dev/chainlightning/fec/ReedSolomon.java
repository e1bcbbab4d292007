package dev.chainlightning.fec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Systematic Reed-Solomon erasure code over GF(2^8), bit-compatible with Backblaze
 * JavaReedSolomon and klauspost/reedsolomon's default matrix: polynomial 0x11D, encoding matrix
 * {@code E = V * inverse(top k rows of V)} with the Vandermonde {@code V[r][c] = r^c}.
 *
 * <p>An instance keeps scratch space and cached decode matrices, so it may be used by one thread
 * at a time. Once warmed up (a pattern's decode matrix is built on its first use) no call
 * allocates. The inner loop is picked at start-up by the system property
 * {@code chainlightning.fec.impl} = auto|swar|table; auto means swar.
 */
public final class ReedSolomon {
    /** The inner-loop implementations; see {@link SwarCoder} and {@link TableCoder}. */
    enum Impl {
        TABLE, SWAR;

        static Impl fromProperty() {
            String name = System.getProperty("chainlightning.fec.impl", "auto").trim().toLowerCase(Locale.ROOT);
            return switch (name) {
                case "auto", "swar" -> SWAR;
                case "table" -> TABLE;
                default -> throw new IllegalArgumentException(
                        "chainlightning.fec.impl must be auto, swar or table, not '" + name + "'");
            };
        }
    }

    static final Impl DEFAULT_IMPL = Impl.fromProperty();

    private final int dataShards;
    private final int parityShards;
    private final byte[][] encoding;
    private final byte[][] parityRows;
    private final ShardCoder coder;
    private final DecodePlans plans = new DecodePlans();
    private final byte[][] inArrays;
    private final byte[][] outArrays;
    private final ByteBuffer[] inBuffers;
    private final ByteBuffer[] outBuffers;

    private ReedSolomon(int dataShards, int parityShards, Impl impl) {
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        this.encoding = GfMatrix.encodingMatrix(dataShards, parityShards);
        this.parityRows = Arrays.copyOfRange(encoding, dataShards, dataShards + parityShards);
        this.coder = switch (impl) {
            case TABLE -> new TableCoder();
            case SWAR -> new SwarCoder(parityShards);
        };
        inArrays = new byte[dataShards][];
        outArrays = new byte[parityShards][];
        inBuffers = new ByteBuffer[dataShards];
        outBuffers = new ByteBuffer[parityShards];
    }

    public static ReedSolomon create(int dataShards, int parityShards) {
        return create(dataShards, parityShards, DEFAULT_IMPL);
    }

    static ReedSolomon create(int dataShards, int parityShards, Impl impl) {
        if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > 256) {
            throw new IllegalArgumentException("need 1 <= data shards, 1 <= parity shards, data + parity <= 256, got "
                    + dataShards + " + " + parityShards);
        }
        return new ReedSolomon(dataShards, parityShards, Objects.requireNonNull(impl));
    }

    public int dataShards() {
        return dataShards;
    }

    public int parityShards() {
        return parityShards;
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    /** A copy of the encoding matrix rows k..k+m-1 (for checks against published matrices). */
    byte[][] parityRows() {
        byte[][] copy = new byte[parityShards][];
        for (int j = 0; j < parityShards; j++) {
            copy[j] = parityRows[j].clone();
        }
        return copy;
    }

    /** shards[0..k-1] are data, shards[k..k+m-1] are overwritten with parity; bytes [offset, offset+length) of each shard. */
    public void encodeParity(byte[][] shards, int offset, int length) {
        checkCount(shards.length, "shards");
        for (int s = 0; s < shards.length; s++) {
            Objects.checkFromIndexSize(offset, length, shards[s].length);
        }
        System.arraycopy(shards, 0, inArrays, 0, dataShards);
        System.arraycopy(shards, dataShards, outArrays, 0, parityShards);
        try {
            coder.code(parityRows, dataShards, parityShards, inArrays, outArrays, offset, length);
        } finally {
            Arrays.fill(inArrays, null);
            Arrays.fill(outArrays, null);
        }
    }

    /** As {@link #encodeParity(byte[][], int, int)}; heap or direct buffers, absolute indexing, positions untouched. */
    public void encodeParity(ByteBuffer[] shards, int offset, int length) {
        checkCount(shards.length, "shards");
        for (int s = 0; s < shards.length; s++) {
            Objects.checkFromIndexSize(offset, length, shards[s].limit());
        }
        System.arraycopy(shards, 0, inBuffers, 0, dataShards);
        System.arraycopy(shards, dataShards, outBuffers, 0, parityShards);
        try {
            coder.code(parityRows, dataShards, parityShards, inBuffers, outBuffers, offset, length);
        } finally {
            Arrays.fill(inBuffers, null);
            Arrays.fill(outBuffers, null);
        }
    }

    /**
     * Rebuilds every shard i with present[i]==false (data and parity) in place from the present ones;
     * present[] is not changed. Throws when fewer than k shards are present.
     */
    public void reconstruct(byte[][] shards, boolean[] present, int offset, int length)
            throws NotEnoughShardsException {
        reconstruct(shards, present, offset, length, false);
    }

    /** As {@link #reconstruct(byte[][], boolean[], int, int)} on heap or direct buffers, absolute indexing. */
    public void reconstruct(ByteBuffer[] shards, boolean[] present, int offset, int length)
            throws NotEnoughShardsException {
        reconstruct(shards, present, offset, length, false);
    }

    /** Only the missing DATA shards are rebuilt (cheaper; the tunnel uses this). Missing parity shards may be null. */
    public void reconstructData(byte[][] shards, boolean[] present, int offset, int length)
            throws NotEnoughShardsException {
        reconstruct(shards, present, offset, length, true);
    }

    /** As {@link #reconstructData(byte[][], boolean[], int, int)} on heap or direct buffers. */
    public void reconstructData(ByteBuffer[] shards, boolean[] present, int offset, int length)
            throws NotEnoughShardsException {
        reconstruct(shards, present, offset, length, true);
    }

    private void reconstruct(byte[][] shards, boolean[] present, int offset, int length, boolean dataOnly)
            throws NotEnoughShardsException {
        checkCount(shards.length, "shards");
        DecodePlans.Plan plan = plan(present, dataOnly);
        if (plan == null) {
            return;
        }
        int outputs = dataOnly ? plan.missingData : plan.missing.length;
        for (int i = 0; i < dataShards; i++) {
            byte[] shard = shards[plan.inputs[i]];
            Objects.checkFromIndexSize(offset, length, shard.length);
            inArrays[i] = shard;
        }
        for (int j = 0; j < outputs; j++) {
            byte[] shard = shards[plan.missing[j]];
            Objects.checkFromIndexSize(offset, length, shard.length);
            outArrays[j] = shard;
        }
        try {
            coder.code(plan.rows, dataShards, outputs, inArrays, outArrays, offset, length);
        } finally {
            Arrays.fill(inArrays, null);
            Arrays.fill(outArrays, null);
        }
    }

    private void reconstruct(ByteBuffer[] shards, boolean[] present, int offset, int length, boolean dataOnly)
            throws NotEnoughShardsException {
        checkCount(shards.length, "shards");
        DecodePlans.Plan plan = plan(present, dataOnly);
        if (plan == null) {
            return;
        }
        int outputs = dataOnly ? plan.missingData : plan.missing.length;
        for (int i = 0; i < dataShards; i++) {
            ByteBuffer shard = shards[plan.inputs[i]];
            Objects.checkFromIndexSize(offset, length, shard.limit());
            inBuffers[i] = shard;
        }
        for (int j = 0; j < outputs; j++) {
            ByteBuffer shard = shards[plan.missing[j]];
            Objects.checkFromIndexSize(offset, length, shard.limit());
            if (shard.isReadOnly()) {
                throw new IllegalArgumentException("shard " + plan.missing[j] + " is read-only");
            }
            outBuffers[j] = shard;
        }
        try {
            coder.code(plan.rows, dataShards, outputs, inBuffers, outBuffers, offset, length);
        } finally {
            Arrays.fill(inBuffers, null);
            Arrays.fill(outBuffers, null);
        }
    }

    /** The cached (or newly built) plan for this pattern, or null when nothing needs rebuilding. */
    private DecodePlans.Plan plan(boolean[] present, boolean dataOnly) throws NotEnoughShardsException {
        int total = totalShards();
        checkCount(present.length, "present flags");
        long m0 = 0;
        long m1 = 0;
        long m2 = 0;
        long m3 = 0;
        int count = 0;
        int missingData = 0;
        for (int s = 0; s < total; s++) {
            if (present[s]) {
                count++;
                long bit = 1L << (s & 63);
                switch (s >>> 6) {
                    case 0 -> m0 |= bit;
                    case 1 -> m1 |= bit;
                    case 2 -> m2 |= bit;
                    default -> m3 |= bit;
                }
            } else if (s < dataShards) {
                missingData++;
            }
        }
        if (count < dataShards) {
            throw new NotEnoughShardsException(missingData + " of " + dataShards
                    + " data shards needed are missing: only " + count + " of " + total + " shards present, "
                    + dataShards + " needed");
        }
        if (count == total || (dataOnly && missingData == 0)) {
            return null;
        }
        DecodePlans.Plan plan = plans.find(m0, m1, m2, m3);
        if (plan == null) {
            plan = DecodePlans.build(encoding, dataShards, present, m0, m1, m2, m3);
            plans.add(plan);
        }
        return plan;
    }

    private void checkCount(int count, String what) {
        if (count != totalShards()) {
            throw new IllegalArgumentException("expected " + totalShards() + " " + what + ", got " + count);
        }
    }
}
