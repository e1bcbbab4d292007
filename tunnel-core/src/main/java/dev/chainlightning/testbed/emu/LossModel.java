package dev.chainlightning.testbed.emu;

import java.util.random.RandomGenerator;

/** Decides, packet by packet, whether a direction loses it: independent random loss plus an optional burst channel. */
final class LossModel {

    private final double randomLoss;
    private final GilbertElliott burst;
    private final RandomGenerator random;
    private boolean bad;

    /** @param lossPercent independent loss in percent; @param burst nullable */
    LossModel(double lossPercent, GilbertElliott burst, RandomGenerator random) {
        this.randomLoss = lossPercent / 100.0;
        this.burst = burst;
        this.random = random;
    }

    boolean drop() {
        boolean lost = false;
        if (burst != null) {
            bad = bad ? random.nextDouble() >= burst.pBadToGood() : random.nextDouble() < burst.pGoodToBad();
            lost = bad && random.nextDouble() < burst.lossInBad();
        }
        if (randomLoss > 0 && random.nextDouble() < randomLoss) {
            lost = true;
        }
        return lost;
    }

    boolean inBadState() {
        return bad;
    }
}
