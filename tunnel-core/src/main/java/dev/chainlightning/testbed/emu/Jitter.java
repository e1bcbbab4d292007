package dev.chainlightning.testbed.emu;

import java.util.random.RandomGenerator;

/**
 * Delay variation as a mean-reverting random process (Ornstein-Uhlenbeck) instead of an
 * independent draw per packet: its value at any instant is normal with standard deviation
 * {@code sigma}, and packets closer together than the correlation time {@value #TAU_MS} ms see
 * similar offsets, as they do behind a real scheduler or a radio. So the no-reordering clamp of
 * {@link LinkDirection} rarely has to hold a packet back much, even at high packet rates, and the
 * mean delay stays close to the configured one. Offsets are clipped at +-3 sigma.
 */
final class Jitter {

    static final double TAU_MS = 10;
    private static final double TAU_NANOS = TAU_MS * 1e6;

    private final double sigmaNanos;
    private final RandomGenerator random;
    private double value;
    private long last;
    private boolean started;

    Jitter(double sigmaMs, RandomGenerator random) {
        this.sigmaNanos = sigmaMs * 1e6;
        this.random = random;
    }

    /** The delay offset in nanoseconds (may be negative) for a packet at {@code now}. */
    long offset(long now) {
        if (sigmaNanos == 0) {
            return 0;
        }
        if (!started) {
            started = true;
            value = sigmaNanos * random.nextGaussian();
        } else {
            double a = Math.exp(-Math.max(0, now - last) / TAU_NANOS);
            value = value * a + sigmaNanos * Math.sqrt(1 - a * a) * random.nextGaussian();
        }
        last = now;
        double limit = 3 * sigmaNanos;
        value = Math.max(-limit, Math.min(limit, value));
        return (long) value;
    }
}
