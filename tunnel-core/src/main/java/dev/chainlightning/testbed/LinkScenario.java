package dev.chainlightning.testbed;

import dev.chainlightning.testbed.TestBed.Direction;
import dev.chainlightning.testbed.emu.EmulationProfile;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One test bed of the link benchmark: its links (htb rate limits, or the user-space emulator
 * where delays or named profiles are needed), plus random loss on one link or a link that dies
 * in the middle of each transfer.
 */
public record LinkScenario(String name, List<LinkSpec> links, List<EmulationProfile> emulation, int lossLink,
        double lossPercent, boolean linkDies) {

    private static final List<LinkSpec> RATES_20_30_50 = List.of(new LinkSpec(20, 20), new LinkSpec(30, 30),
            new LinkSpec(50, 50));
    /** Link 2, the 50 Mbit/s one: loss where most of the data goes hurts most. */
    static final int LOSSY_LINK = 2;
    static final double LOSS_PERCENT = 2;

    /** The scenarios of issue 4, in the order the table lists them. */
    public static List<LinkScenario> all() {
        return List.of(
                htb("equal 3x33", List.of(new LinkSpec(33, 33), new LinkSpec(33, 33), new LinkSpec(33, 33))),
                htb("rates 20/30/50", RATES_20_30_50),
                new LinkScenario("delays 10/30/60ms", RATES_20_30_50, List.of(EmulationProfile.fixed(20, 10),
                        EmulationProfile.fixed(30, 30), EmulationProfile.fixed(50, 60)), -1, 0, false),
                new LinkScenario("2% loss on link 2", RATES_20_30_50, none(3), LOSSY_LINK, LOSS_PERCENT, false),
                new LinkScenario("link dies", RATES_20_30_50, none(3), -1, 0, true),
                // LinkSpec rates are not used for shaping on emulated links; these mirror the profiles.
                new LinkScenario("starlink+adsl+lte", List.of(new LinkSpec(15, 100), new LinkSpec(1, 16), new LinkSpec(10, 30)),
                        List.of(EmulationProfile.named("starlink"), EmulationProfile.named("adsl"),
                                EmulationProfile.named("lte")), -1, 0, false));
    }

    private static LinkScenario htb(String name, List<LinkSpec> links) {
        return new LinkScenario(name, links, none(links.size()), -1, 0, false);
    }

    private static List<EmulationProfile> none(int n) {
        return Collections.nCopies(n, null);
    }

    public boolean matches(String filter) {
        return name.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
    }

    /** Link i's nominal rate in direction d: the emulator's for an emulated link, else the htb limit. */
    public double rateMbit(int i, Direction d) {
        EmulationProfile p = emulation.get(i);
        if (p != null) {
            return d == Direction.UP ? p.up().rateMbit() : p.down().rateMbit();
        }
        return d == Direction.UP ? links.get(i).upMbit() : links.get(i).downMbit();
    }

    public double linkSumMbit(Direction d) {
        double sum = 0;
        for (int i = 0; i < links.size(); i++) {
            sum += rateMbit(i, d);
        }
        return sum;
    }
}
