package dev.chainlightning.testbed.emu;

import dev.chainlightning.testbed.emu.EmulationProfile.Direction;
import dev.chainlightning.testbed.emu.EmulationProfile.Phase;
import java.util.random.RandomGenerator;

/**
 * The fate of each packet of one direction: outage, loss, the rate limiter's queue, then delay
 * plus jitter. Release times never decrease, so the direction never reorders. Pure: the caller
 * passes the time (nanoseconds, any fixed origin, the same one as {@code start}).
 */
final class LinkDirection {

    static final long DROP = -1;

    private final Direction params;
    private final Schedule schedule;
    private final long start;
    private final LossModel loss;
    private final Jitter jitter;
    private final RateLimiter limiter = new RateLimiter();
    private final long delayNanos;
    private long lastRelease = Long.MIN_VALUE;

    long packets;
    long lost;
    long outageDrops;
    long queueDrops;

    LinkDirection(Direction params, Schedule schedule, long start, RandomGenerator random) {
        this.params = params;
        this.schedule = schedule;
        this.start = start;
        this.loss = new LossModel(params.lossPercent(), params.burst(), random);
        this.jitter = new Jitter(params.jitterMs(), random);
        this.delayNanos = (long) (params.delayMs() * 1e6);
    }

    /** When a packet of {@code bytes} (IP length) arriving at {@code now} leaves, or {@link #DROP}. */
    long releaseTime(long now, int bytes) {
        packets++;
        Phase phase = schedule.at(now - start);
        if (phase.outage()) {
            outageDrops++;
            return DROP;
        }
        if (loss.drop()) {
            lost++;
            return DROP;
        }
        long departure = now;
        double bps = params.rateMbit() * 1e6 * phase.rateFactor();
        if (bps > 0) {
            departure = limiter.admit(now, bytes, bps, RateLimiter.queueBoundBytes(bps));
            if (departure == RateLimiter.DROP) {
                queueDrops++;
                return DROP;
            }
        }
        long release = departure + Math.max(0, delayNanos + jitter.offset(now));
        release = Math.max(release, lastRelease);
        lastRelease = release;
        return release;
    }

    String stats() {
        return "packets=" + packets + " lost=" + lost + " outage=" + outageDrops + " queue=" + queueDrops;
    }
}
