package dev.chainlightning.fec;

import java.nio.ByteBuffer;

/** One 256-byte row of the full multiplication table per coefficient, byte by byte. */
final class TableCoder extends ShardCoder {
    /** Outputs are built a chunk at a time so the one being summed stays in L1 on large shards. */
    private static final int CHUNK = 4096;

    @Override
    void code(byte[][] rows, int inputs, int outputs, byte[][] in, byte[][] out, int offset, int length) {
        for (int start = offset; start < offset + length; start += CHUNK) {
            codeChunk(rows, inputs, outputs, in, out, start, Math.min(offset + length, start + CHUNK));
        }
    }

    @Override
    void code(byte[][] rows, int inputs, int outputs, ByteBuffer[] in, ByteBuffer[] out, int offset, int length) {
        for (int start = offset; start < offset + length; start += CHUNK) {
            codeChunk(rows, inputs, outputs, in, out, start, Math.min(offset + length, start + CHUNK));
        }
    }

    private static void codeChunk(byte[][] rows, int inputs, int outputs, byte[][] in, byte[][] out, int offset,
            int end) {
        for (int j = 0; j < outputs; j++) {
            byte[] row = rows[j];
            byte[] dst = out[j];
            byte[] table = Gf256.MUL[row[0] & 0xff];
            byte[] src = in[0];
            for (int b = offset; b < end; b++) {
                dst[b] = table[src[b] & 0xff];
            }
            for (int i = 1; i < inputs; i++) {
                table = Gf256.MUL[row[i] & 0xff];
                src = in[i];
                for (int b = offset; b < end; b++) {
                    dst[b] ^= table[src[b] & 0xff];
                }
            }
        }
    }

    private static void codeChunk(byte[][] rows, int inputs, int outputs, ByteBuffer[] in, ByteBuffer[] out,
            int offset, int end) {
        for (int j = 0; j < outputs; j++) {
            byte[] row = rows[j];
            ByteBuffer dst = out[j];
            byte[] table = Gf256.MUL[row[0] & 0xff];
            ByteBuffer src = in[0];
            for (int b = offset; b < end; b++) {
                dst.put(b, table[src.get(b) & 0xff]);
            }
            for (int i = 1; i < inputs; i++) {
                table = Gf256.MUL[row[i] & 0xff];
                src = in[i];
                for (int b = offset; b < end; b++) {
                    dst.put(b, (byte) (dst.get(b) ^ table[src.get(b) & 0xff]));
                }
            }
        }
    }
}
