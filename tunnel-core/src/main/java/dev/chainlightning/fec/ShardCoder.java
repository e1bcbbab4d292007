package dev.chainlightning.fec;

import java.nio.ByteBuffer;

/**
 * The inner loop of the codec: {@code out[j] = XOR over i of rows[j][i] * in[i]} on bytes
 * [offset, offset + length) of every shard. Outputs are overwritten, never accumulated into, and
 * must not be inputs. Implementations keep scratch space, so one thread at a time.
 */
abstract class ShardCoder {
    abstract void code(byte[][] rows, int inputs, int outputs, byte[][] in, byte[][] out, int offset, int length);

    abstract void code(byte[][] rows, int inputs, int outputs, ByteBuffer[] in, ByteBuffer[] out, int offset,
            int length);
}
