package dev.chainlightning.fec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Eight bytes per {@code long}. A chunk of each input is loaded into a long[] once, its products
 * with 2, 4, ..., 128 are made by repeated xtime, and every output accumulates the products its
 * coefficient's bits select. All passes are plain loops over long[] that C2 turns into SIMD, so
 * no lookup tables are involved. Bytes never mix across lanes, so the byte order of a load only
 * has to match the store of the same word.
 */
final class SwarCoder extends ShardCoder {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;
    private static final long ONES = 0x0101010101010101L;

    private final int chunkWords;
    /** {@code powers[b]} = current input chunk times 2^b. */
    private final long[][] powers;
    private final long[][] sums;

    SwarCoder(int maxOutputs) {
        // Keep the scratch around 16-20 KiB so it stays in L1 whatever the parity count.
        chunkWords = Math.max(16, Math.min(256, 2048 / Math.max(1, maxOutputs)));
        powers = new long[8][chunkWords];
        sums = new long[maxOutputs][chunkWords];
    }

    @Override
    void code(byte[][] rows, int inputs, int outputs, byte[][] in, byte[][] out, int offset, int length) {
        int words = length >>> 3;
        long[] loaded = powers[0];
        for (int start = 0; start < words; start += chunkWords) {
            int n = Math.min(chunkWords, words - start);
            int base = offset + (start << 3);
            for (int i = 0; i < inputs; i++) {
                byte[] src = in[i];
                for (int w = 0; w < n; w++) {
                    loaded[w] = (long) LONGS.get(src, base + (w << 3));
                }
                mix(rows, i, outputs, n);
            }
            for (int j = 0; j < outputs; j++) {
                byte[] dst = out[j];
                long[] sum = sums[j];
                for (int w = 0; w < n; w++) {
                    LONGS.set(dst, base + (w << 3), sum[w]);
                }
            }
        }
        int tail = length & 7;
        if (tail != 0) {
            int base = offset + (words << 3);
            for (int i = 0; i < inputs; i++) {
                long word = 0;
                for (int b = tail - 1; b >= 0; b--) {
                    word = (word << 8) | (in[i][base + b] & 0xff);
                }
                loaded[0] = word;
                mix(rows, i, outputs, 1);
            }
            for (int j = 0; j < outputs; j++) {
                long word = sums[j][0];
                for (int b = 0; b < tail; b++) {
                    out[j][base + b] = (byte) (word >>> (b << 3));
                }
            }
        }
    }

    @Override
    void code(byte[][] rows, int inputs, int outputs, ByteBuffer[] in, ByteBuffer[] out, int offset, int length) {
        int words = length >>> 3;
        long[] loaded = powers[0];
        for (int start = 0; start < words; start += chunkWords) {
            int n = Math.min(chunkWords, words - start);
            int base = offset + (start << 3);
            for (int i = 0; i < inputs; i++) {
                ByteBuffer src = in[i];
                for (int w = 0; w < n; w++) {
                    loaded[w] = src.getLong(base + (w << 3));
                }
                mix(rows, i, outputs, n);
            }
            for (int j = 0; j < outputs; j++) {
                ByteBuffer dst = out[j];
                long[] sum = sums[j];
                for (int w = 0; w < n; w++) {
                    dst.putLong(base + (w << 3), sum[w]);
                }
            }
        }
        int tail = length & 7;
        if (tail != 0) {
            int base = offset + (words << 3);
            for (int i = 0; i < inputs; i++) {
                long word = 0;
                for (int b = tail - 1; b >= 0; b--) {
                    word = (word << 8) | (in[i].get(base + b) & 0xff);
                }
                loaded[0] = word;
                mix(rows, i, outputs, 1);
            }
            for (int j = 0; j < outputs; j++) {
                long word = sums[j][0];
                for (int b = 0; b < tail; b++) {
                    out[j].put(base + b, (byte) (word >>> (b << 3)));
                }
            }
        }
    }

    /** Adds input {@code col} (already in powers[0]) times each output's coefficient to its sum. */
    private void mix(byte[][] rows, int col, int outputs, int n) {
        int used = 0;
        for (int j = 0; j < outputs; j++) {
            used |= rows[j][col] & 0xff;
        }
        for (int b = 1; b < 8 && (used >>> b) != 0; b++) {
            xtime(powers[b - 1], powers[b], n);
        }
        boolean first = col == 0;
        for (int j = 0; j < outputs; j++) {
            int c = rows[j][col] & 0xff;
            long[] sum = sums[j];
            boolean fresh = first;
            while (c != 0) {
                int b = Integer.numberOfTrailingZeros(c);
                c &= c - 1;
                if (fresh) {
                    System.arraycopy(powers[b], 0, sum, 0, n);
                    fresh = false;
                } else {
                    xorInto(sum, powers[b], n);
                }
            }
            if (fresh) {
                Arrays.fill(sum, 0, n, 0L);
            }
        }
    }

    /** Multiplies eight bytes per long by 2: shift each byte left, fold the carried-out x^8 back as 0x1D. */
    private static void xtime(long[] src, long[] dst, int n) {
        for (int w = 0; w < n; w++) {
            long x = src[w];
            long carry = (x >>> 7) & ONES;
            dst[w] = ((x & LOW7) << 1) ^ (carry << 4) ^ (carry << 3) ^ (carry << 2) ^ carry;
        }
    }

    private static void xorInto(long[] sum, long[] add, int n) {
        for (int w = 0; w < n; w++) {
            sum[w] ^= add[w];
        }
    }
}
