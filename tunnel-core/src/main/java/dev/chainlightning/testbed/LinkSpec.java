package dev.chainlightning.testbed;

/** Rates of one emulated WAN link, in Mbit/s, as seen from the home gateway (client). */
public record LinkSpec(double upMbit, double downMbit) {

    public LinkSpec {
        if (!(upMbit > 0) || !(downMbit > 0)) {
            throw new IllegalArgumentException("link rates must be > 0: up=" + upMbit + " down=" + downMbit);
        }
    }
}
