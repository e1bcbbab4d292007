package dev.chainlightning.fec.group;

import dev.chainlightning.fec.ReedSolomon;

/**
 * One codec per group shape (k data, m parity), made the first time that shape is used. Groups
 * closed early have fewer data packets, and adaptive mode varies m, so a few shapes are in use.
 * Single-threaded like the codecs it holds.
 */
final class CodecCache {
    private final ReedSolomon[][] codecs;

    CodecCache(int maxData, int maxParity) {
        codecs = new ReedSolomon[maxData + 1][maxParity + 1];
    }

    ReedSolomon codec(int dataCount, int parityCount) {
        ReedSolomon codec = codecs[dataCount][parityCount];
        if (codec == null) {
            codec = ReedSolomon.create(dataCount, parityCount);
            codecs[dataCount][parityCount] = codec;
        }
        return codec;
    }
}
