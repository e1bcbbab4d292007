package dev.chainlightning.reorder;

/**
 * Where the reorder buffer reports packets it believes lost, so the sender can send them again
 * (a NACK). Called on the receive thread; must not allocate or block.
 */
public interface LossReporter {
    /** Packets {@code first} .. {@code first + count - 1} are missing. */
    void missing(int first, int count);

    /** The end of a batch of {@link #missing} calls: send what was collected. */
    void flush();
}
