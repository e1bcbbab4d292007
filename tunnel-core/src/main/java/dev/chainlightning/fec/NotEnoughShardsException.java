package dev.chainlightning.fec;

/** Fewer than k shards of a group are present, so the missing ones cannot be rebuilt. */
public final class NotEnoughShardsException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotEnoughShardsException(String message) {
        super(message);
    }
}
