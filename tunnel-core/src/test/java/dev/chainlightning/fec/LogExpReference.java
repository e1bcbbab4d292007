package dev.chainlightning.fec;

/**
 * The plain codec: log/exp tables, one byte at a time, same matrix (built here with its own
 * arithmetic). The baseline of the benchmark and the oracle of the property tests.
 */
final class LogExpReference {
    private static final int[] EXP = new int[510];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11D;
            }
        }
    }

    private final int k;
    private final int m;
    private final int[][] encoding;

    LogExpReference(int dataShards, int parityShards) {
        k = dataShards;
        m = parityShards;
        int[][] v = new int[k + m][k];
        for (int r = 0; r < k + m; r++) {
            for (int c = 0; c < k; c++) {
                v[r][c] = c == 0 ? 1 : mul(v[r][c - 1], r);
            }
        }
        int[][] top = new int[k][];
        System.arraycopy(v, 0, top, 0, k);
        encoding = multiply(v, invert(top));
    }

    static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    int[][] parityRows() {
        int[][] rows = new int[m][];
        System.arraycopy(encoding, k, rows, 0, m);
        return rows;
    }

    void encodeParity(byte[][] shards, int offset, int length) {
        for (int j = 0; j < m; j++) {
            code(encoding[k + j], shards, identity(), shards[k + j], offset, length);
        }
    }

    /** Rebuilds every missing shard from the first k present ones. */
    void reconstruct(byte[][] shards, boolean[] present, int offset, int length) {
        int[] inputs = new int[k];
        int found = 0;
        for (int s = 0; s < k + m && found < k; s++) {
            if (present[s]) {
                inputs[found++] = s;
            }
        }
        if (found < k) {
            throw new IllegalArgumentException("not enough shards");
        }
        int[][] sub = new int[k][];
        for (int i = 0; i < k; i++) {
            sub[i] = encoding[inputs[i]];
        }
        int[][] decode = invert(sub);
        for (int s = 0; s < k + m; s++) {
            if (!present[s]) {
                int[][] row = multiply(new int[][] {encoding[s]}, decode);
                code(row[0], shards, inputs, shards[s], offset, length);
            }
        }
    }

    private int[] identity() {
        int[] inputs = new int[k];
        for (int i = 0; i < k; i++) {
            inputs[i] = i;
        }
        return inputs;
    }

    private static void code(int[] row, byte[][] shards, int[] inputs, byte[] out, int offset, int length) {
        for (int b = offset; b < offset + length; b++) {
            int sum = 0;
            for (int i = 0; i < row.length; i++) {
                sum ^= mul(row[i], shards[inputs[i]][b] & 0xff);
            }
            out[b] = (byte) sum;
        }
    }

    private static int[][] multiply(int[][] a, int[][] b) {
        int[][] p = new int[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                for (int i = 0; i < b.length; i++) {
                    p[r][c] ^= mul(a[r][i], b[i][c]);
                }
            }
        }
        return p;
    }

    private static int[][] invert(int[][] a) {
        int n = a.length;
        int[][] w = new int[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a[r], 0, w[r], 0, n);
            w[r][n + r] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            while (w[p][c] == 0) {
                p++;
            }
            int[] t = w[p];
            w[p] = w[c];
            w[c] = t;
            int inv = EXP[255 - LOG[w[c][c]]];
            for (int x = 0; x < 2 * n; x++) {
                w[c][x] = mul(w[c][x], inv);
            }
            for (int r = 0; r < n; r++) {
                int f = w[r][c];
                if (r != c && f != 0) {
                    for (int x = 0; x < 2 * n; x++) {
                        w[r][x] ^= mul(f, w[c][x]);
                    }
                }
            }
        }
        int[][] inv = new int[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(w[r], n, inv[r], 0, n);
        }
        return inv;
    }
}
