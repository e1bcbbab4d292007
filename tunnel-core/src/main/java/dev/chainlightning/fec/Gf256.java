package dev.chainlightning.fec;

/**
 * GF(2^8) with the reducing polynomial 0x11D and generator 2, the field of Backblaze
 * JavaReedSolomon and klauspost/reedsolomon. Addition is XOR.
 */
final class Gf256 {
    static final int POLYNOMIAL = 0x11D;

    /** {@code MUL[a][b] = a * b}; 64 KiB, built once by shift-and-add so it needs no log table. */
    static final byte[][] MUL = new byte[256][256];

    private static final int[] INVERSE = new int[256];

    static {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                int product = slowMul(a, b);
                MUL[a][b] = (byte) product;
                if (product == 1) {
                    INVERSE[a] = b;
                }
            }
        }
    }

    private Gf256() {
    }

    static int mul(int a, int b) {
        return MUL[a & 0xff][b & 0xff] & 0xff;
    }

    /** The multiplicative inverse; 0 has none. */
    static int inverse(int a) {
        if ((a & 0xff) == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        return INVERSE[a & 0xff];
    }

    /** {@code a^n} with {@code a^0 = 1} for every a, including 0 (the Vandermonde convention). */
    static int pow(int a, int n) {
        int result = 1;
        for (int i = 0; i < n; i++) {
            result = mul(result, a);
        }
        return result;
    }

    /** Carry-less multiply, reducing by 0x11D whenever the x^8 term appears. */
    private static int slowMul(int a, int b) {
        int product = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 0x100) != 0) {
                a ^= POLYNOMIAL;
            }
            b >>>= 1;
        }
        return product;
    }
}
