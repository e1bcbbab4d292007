package dev.chainlightning.crypto;

/**
 * Which packet counters of one key have been accepted already, so a replayed packet is refused
 * whichever link it comes back on. Packets striped over links with different delays arrive far
 * out of order, so the window is wide: any counter within {@link #WINDOW} of the highest seen is
 * judged exactly; older ones are refused.
 *
 * <p>A ring of 64-bit blocks (the RFC 6479 layout): moving the window forward only clears the
 * blocks it passes, so the work per packet does not grow with the window. One spare block keeps a
 * full {@code WINDOW} behind the highest counter even while the newest block is partly used.
 *
 * <p>Not thread-safe: the receive thread alone calls it, and only for packets that authenticated
 * (a forged counter must not move the window).
 */
public final class ReplayWindow {
    /** How far behind the highest accepted counter a packet may still be accepted. */
    public static final int WINDOW = 8192;
    private static final int BLOCK_BITS = 64;
    private static final int BLOCKS = WINDOW / BLOCK_BITS + 1;

    private final long[] blocks = new long[BLOCKS];
    /** The highest accepted counter, or -1 before the first. */
    private long highest = -1;

    /**
     * Records {@code counter} and returns true if it was never accepted before and is not too old;
     * returns false (and changes nothing) for a replay or a counter that fell out of the window.
     * Counters are unsigned in meaning but never reach 2^63 (see the rekey limits).
     */
    public boolean accept(long counter) {
        if (counter < 0) {
            return false;
        }
        long block = counter / BLOCK_BITS;
        if (counter > highest) {
            long highestBlock = highest < 0 ? -1 : highest / BLOCK_BITS;
            long toClear = Math.min(block - highestBlock, BLOCKS);
            for (long i = 1; i <= toClear; i++) {
                blocks[(int) ((highestBlock + i) % BLOCKS)] = 0;
            }
            highest = counter;
        } else if (highest - counter >= WINDOW) {
            return false;
        }
        int index = (int) (block % BLOCKS);
        long bit = 1L << (counter % BLOCK_BITS);
        if ((blocks[index] & bit) != 0) {
            return false;
        }
        blocks[index] |= bit;
        return true;
    }

    /** The highest counter accepted so far, or -1. */
    public long highest() {
        return highest;
    }
}
