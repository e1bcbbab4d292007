package dev.chainlightning.fec;

/**
 * Decode matrices per erasure pattern, keyed by the 256-bit mask of present shards held in four
 * longs, so a lookup compares fields and allocates nothing. Bounded: the least recently used plan
 * goes when full. A linear scan over at most {@link #CAPACITY} entries costs far less than coding
 * even one small shard.
 */
final class DecodePlans {
    static final int CAPACITY = 64;

    /** What to do for one pattern: read {@code inputs}, write {@code missing} with {@code rows}. */
    static final class Plan {
        final long mask0;
        final long mask1;
        final long mask2;
        final long mask3;
        final int[] inputs;
        /** Missing shard indices ascending, so the data shards (index < k) come first. */
        final int[] missing;
        final int missingData;
        /** {@code rows[j][i]}: coefficient of {@code shards[inputs[i]]} in {@code shards[missing[j]]}. */
        final byte[][] rows;
        long lastUse;

        Plan(long mask0, long mask1, long mask2, long mask3, int[] inputs, int[] missing, int missingData,
                byte[][] rows) {
            this.mask0 = mask0;
            this.mask1 = mask1;
            this.mask2 = mask2;
            this.mask3 = mask3;
            this.inputs = inputs;
            this.missing = missing;
            this.missingData = missingData;
            this.rows = rows;
        }

        boolean matches(long m0, long m1, long m2, long m3) {
            return mask0 == m0 && mask1 == m1 && mask2 == m2 && mask3 == m3;
        }
    }

    private final Plan[] plans = new Plan[CAPACITY];
    private int size;
    private long clock;
    private Plan recent;

    /** The cached plan for this present-mask, or null. */
    Plan find(long m0, long m1, long m2, long m3) {
        Plan plan = recent;
        if (plan == null || !plan.matches(m0, m1, m2, m3)) {
            plan = null;
            for (int i = 0; i < size; i++) {
                if (plans[i].matches(m0, m1, m2, m3)) {
                    plan = plans[i];
                    break;
                }
            }
            if (plan == null) {
                return null;
            }
            recent = plan;
        }
        plan.lastUse = ++clock;
        return plan;
    }

    void add(Plan plan) {
        plan.lastUse = ++clock;
        recent = plan;
        if (size < CAPACITY) {
            plans[size++] = plan;
            return;
        }
        int oldest = 0;
        for (int i = 1; i < size; i++) {
            if (plans[i].lastUse < plans[oldest].lastUse) {
                oldest = i;
            }
        }
        plans[oldest] = plan;
    }

    /** Decode rows for the pattern: invert the encoding rows of the first k present shards. */
    static Plan build(byte[][] encoding, int dataShards, boolean[] present, long m0, long m1, long m2, long m3) {
        int total = encoding.length;
        int[] inputs = new int[dataShards];
        int found = 0;
        int missingCount = 0;
        for (int s = 0; s < total; s++) {
            if (!present[s]) {
                missingCount++;
            } else if (found < dataShards) {
                inputs[found++] = s;
            }
        }
        byte[][] sub = new byte[dataShards][];
        for (int i = 0; i < dataShards; i++) {
            sub[i] = encoding[inputs[i]];
        }
        byte[][] decode = GfMatrix.invert(sub);
        int[] missing = new int[missingCount];
        int missingData = 0;
        for (int s = 0, j = 0; s < total; s++) {
            if (!present[s]) {
                missing[j++] = s;
                if (s < dataShards) {
                    missingData++;
                }
            }
        }
        // Shard s = encoding[s] * data and data = decode * inputs, so s = (encoding[s] * decode) * inputs.
        byte[][] wanted = new byte[missingCount][];
        for (int j = 0; j < missingCount; j++) {
            wanted[j] = encoding[missing[j]];
        }
        byte[][] rows = missingCount == 0 ? new byte[0][] : GfMatrix.multiply(wanted, decode);
        return new Plan(m0, m1, m2, m3, inputs, missing, missingData, rows);
    }
}
