package dev.chainlightning.fec;

/** Small dense matrices over GF(2^8), one byte per entry, rows as {@code byte[]}. */
final class GfMatrix {
    private GfMatrix() {
    }

    /** {@code V[r][c] = r^c} with r taken as a field element (not alpha^r), {@code 0^0 = 1}. */
    static byte[][] vandermonde(int rows, int cols) {
        byte[][] v = new byte[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r][c] = (byte) Gf256.pow(r, c);
            }
        }
        return v;
    }

    /** {@code E = V * inverse(top k rows of V)}: identity on top (systematic), parity rows below. */
    static byte[][] encodingMatrix(int dataShards, int parityShards) {
        byte[][] v = vandermonde(dataShards + parityShards, dataShards);
        byte[][] top = new byte[dataShards][];
        System.arraycopy(v, 0, top, 0, dataShards);
        return multiply(v, invert(top));
    }

    static byte[][] multiply(byte[][] a, byte[][] b) {
        int inner = b.length;
        int cols = b[0].length;
        byte[][] product = new byte[a.length][cols];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < cols; c++) {
                int sum = 0;
                for (int i = 0; i < inner; i++) {
                    sum ^= Gf256.mul(a[r][i], b[i][c]);
                }
                product[r][c] = (byte) sum;
            }
        }
        return product;
    }

    /** Gauss-Jordan elimination on a copy; throws when the matrix is singular. */
    static byte[][] invert(byte[][] square) {
        int n = square.length;
        byte[][] work = new byte[n][2 * n];
        for (int r = 0; r < n; r++) {
            if (square[r].length != n) {
                throw new IllegalArgumentException("not a square matrix");
            }
            System.arraycopy(square[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && work[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                throw new IllegalArgumentException("matrix is singular");
            }
            byte[] swap = work[pivot];
            work[pivot] = work[col];
            work[col] = swap;
            byte[] pivotRow = work[col];
            int scale = Gf256.inverse(pivotRow[col]);
            for (int c = 0; c < 2 * n; c++) {
                pivotRow[c] = (byte) Gf256.mul(pivotRow[c], scale);
            }
            for (int r = 0; r < n; r++) {
                int factor = work[r][col] & 0xff;
                if (r != col && factor != 0) {
                    byte[] row = work[r];
                    for (int c = 0; c < 2 * n; c++) {
                        row[c] ^= (byte) Gf256.mul(pivotRow[c], factor);
                    }
                }
            }
        }
        byte[][] inverse = new byte[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(work[r], n, inverse[r], 0, n);
        }
        return inverse;
    }
}
