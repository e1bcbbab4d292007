package dev.chainlightning.engine;

import dev.chainlightning.config.TunnelConfig;
import dev.chainlightning.fec.group.FecDecoder;
import dev.chainlightning.fec.group.FecEncoder;
import dev.chainlightning.reorder.ReorderBuffer;
import java.util.concurrent.TimeUnit;

/** The FEC part of the config, and the encoders and decoders made from it. */
record FecSettings(boolean enabled, int groupSize, int maxRepair, boolean adaptive, long maxWaitNanos) {
    /** Data packets whose copies the receiver keeps for rebuilding; several groups' worth. */
    private static final int WINDOW = 1024;
    /** Groups whose parity the receiver keeps at once. */
    private static final int GROUPS = 64;

    static FecSettings from(TunnelConfig.Performance p) {
        return new FecSettings(p.fecEnabled(), p.fecGroupSize(), p.fecRepairPackets(), p.fecAdaptive(),
                TimeUnit.MILLISECONDS.toNanos(p.fecMaxWaitMs()));
    }

    FecEncoder newEncoder(int mtu) {
        return new FecEncoder(groupSize, maxRepair, adaptive, maxWaitNanos, mtu);
    }

    /** The receive half, rebuilding into {@code reorder}; null when FEC is off. */
    FecDecoder newDecoder(int mtu, ReorderBuffer reorder) {
        if (!enabled) {
            return null;
        }
        return new FecDecoder(WINDOW, GROUPS, groupSize, maxRepair, mtu,
                (sequence, packet) -> reorder.offer(sequence, packet, ReorderBuffer.REBUILT, System.nanoTime()));
    }

    /**
     * How long a gap should wait for parity before the reorder buffer may call it lost: the
     * group may stay open for maxWait after the gap, and its parity then still has to cross a link
     * that may be slower than the one that showed the gap; twice maxWait covers both.
     */
    long lossHoldNanos() {
        return enabled ? 2 * maxWaitNanos + ReorderBuffer.MIN_LOSS_HOLD_NANOS : ReorderBuffer.MIN_LOSS_HOLD_NANOS;
    }
}
