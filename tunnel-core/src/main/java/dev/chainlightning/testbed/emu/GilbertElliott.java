package dev.chainlightning.testbed.emu;

/**
 * Parameters of a two-state (Gilbert-Elliott) burst-loss channel, per packet: in the good state
 * nothing is lost by this model; with {@code pGoodToBad} the channel turns bad, where each packet
 * is lost with {@code lossInBad}; with {@code pBadToGood} it recovers. The long-run share of
 * packets seen in the bad state is p / (p + r), so the mean loss it adds is
 * {@code lossInBad * p / (p + r)}, and the mean bad spell lasts {@code 1 / r} packets.
 * All three are probabilities in [0, 1].
 */
public record GilbertElliott(double pGoodToBad, double pBadToGood, double lossInBad) {

    public GilbertElliott {
        for (double p : new double[] {pGoodToBad, pBadToGood, lossInBad}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Gilbert-Elliott probabilities must be in [0, 1]: " + this);
            }
        }
        if (pBadToGood == 0 && pGoodToBad > 0) {
            throw new IllegalArgumentException("pBadToGood = 0 would never leave the bad state");
        }
    }

    /** Long-run loss share this model adds (0..1). */
    public double meanLoss() {
        return pGoodToBad == 0 ? 0 : lossInBad * pGoodToBad / (pGoodToBad + pBadToGood);
    }
}
