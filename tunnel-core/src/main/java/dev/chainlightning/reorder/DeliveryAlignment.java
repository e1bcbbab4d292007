package dev.chainlightning.reorder;

import dev.chainlightning.wire.DataBody;

/**
 * When a bulk packet is due for delivery: when the slowest link of the bond would have delivered
 * it. A packet that crossed a near link waits for the difference, one that crossed the slowest
 * link goes on at once.
 *
 * <p>Why: the receiver must deliver in order, so at full load every packet waits for the slowest
 * link anyway. Without this hold, the delay TCP sees would swing with the load between the
 * nearest link's (light load, everything fits the near link) and the slowest link's (full load),
 * and TCP reads a delay that grows with its sending rate as a queue: BBR caps its data in flight
 * at twice the smallest round trip it saw, CUBIC's HyStart leaves slow start early. With the hold
 * the delay is the same at every load and one flow can fill every link. Express packets (TCP
 * ACKs, DNS) are not held.
 *
 * <p>Clocks: data packets carry the sender's clock in microseconds modulo 2^31
 * ({@link DataBody}); heartbeats carry it in nanoseconds. The arrival time minus the send time is
 * the one-way delay plus a fixed unknown clock offset, the same for every link, so the
 * difference between such values is meaningful with no synchronised clocks. The control thread
 * sets the target: the current one-way delay (plus that offset) of the slowest link of the bond,
 * from its heartbeats ({@link #alignTo}). The receive thread compares each data packet's delay
 * with it ({@link #dueNanos}). All arithmetic is modulo 2^31 µs, so wrap-around is harmless.
 */
public final class DeliveryAlignment {
    private static final int MICROS_MASK = DataBody.TIMESTAMP_MASK;

    private final long maxHoldNanos;
    /** Target delay plus clock offset, µs modulo 2^31; meaningful only while {@link #aligned}. */
    private volatile int targetMicros;
    private volatile boolean aligned;

    /** @param maxHoldNanos the longest any packet is held, whatever its timestamp says */
    public DeliveryAlignment(long maxHoldNanos) {
        this.maxHoldNanos = maxHoldNanos;
    }

    /**
     * Control thread: hold packets until {@code slowestDelayNanos} after they were sent, where that
     * is the arrival-minus-send value (one-way delay plus clock offset) of the bond's slowest link.
     */
    public void alignTo(long slowestDelayNanos) {
        targetMicros = (int) (slowestDelayNanos / 1000) & MICROS_MASK;
        aligned = true;
    }

    /** Control thread: no link measured yet; deliver everything as soon as it is in order. */
    public void off() {
        aligned = false;
    }

    /** Receive thread: when a packet sent at {@code sentMicros} (sender's clock) that arrives now is due. */
    public long dueNanos(int sentMicros, long nowNanos) {
        if (!aligned) {
            return nowNanos;
        }
        int delayMicros = ((int) (nowNanos / 1000) - sentMicros) & MICROS_MASK;
        long holdMicros = signed31(targetMicros - delayMicros);
        if (holdMicros <= 0) {
            return nowNanos;
        }
        return nowNanos + Math.min(maxHoldNanos, holdMicros * 1000);
    }

    /** A 31-bit two's-complement difference as a signed value. */
    private static int signed31(int value) {
        return (value << 1) >> 1;
    }
}
