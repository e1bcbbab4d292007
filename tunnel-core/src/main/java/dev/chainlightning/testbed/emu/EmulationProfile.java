package dev.chainlightning.testbed.emu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one emulated WAN link behaves, per direction (up = client to server, down = server to
 * client), plus an optional repeating schedule of phases that scale both rates or cut the link.
 * Delays are one-way, per direction: a ping's RTT is about {@code up.delayMs + down.delayMs}.
 * Rates count IP packet bytes (no link-layer header); 0 means unlimited.
 *
 * <p>Named profiles (see docs/LINK-EMULATOR.md):
 * <table>
 * <caption>named profiles</caption>
 * <tr><th>name</th><th>down / up Mbit/s</th><th>one-way delay</th><th>jitter (sigma)</th><th>loss</th><th>schedule</th></tr>
 * <tr><td>fiber</td><td>100 / 100</td><td>5 ms</td><td>0.5 ms</td><td>0</td><td>none</td></tr>
 * <tr><td>cable</td><td>50 / 10</td><td>12 ms</td><td>2 ms</td><td>0.1 %</td><td>none</td></tr>
 * <tr><td>adsl</td><td>16 / 1</td><td>20 ms</td><td>1 ms</td><td>0.2 %</td><td>none</td></tr>
 * <tr><td>lte</td><td>30 / 10</td><td>45 ms</td><td>15 ms</td><td>0.3 % random + bursts
 *     (p=0.004, r=0.3, 50 % in bad state), about 1 % in all</td><td>none</td></tr>
 * <tr><td>starlink</td><td>100 / 15</td><td>20 ms (RTT ~40 ms)</td><td>8 ms</td><td>0.5 %</td>
 *     <td>45 s cycle: 15 s each at 100 %, 60 %, 80 % of the rates, each ended by a 150 ms outage</td></tr>
 * </table>
 */
public record EmulationProfile(String name, Direction up, Direction down, List<Phase> schedule) {

    public static final List<String> NAMES = List.of("fiber", "cable", "adsl", "lte", "starlink");

    public EmulationProfile {
        schedule = List.copyOf(schedule);
    }

    /**
     * One direction. rateMbit 0 = unlimited; jitterMs is the standard deviation of the delay
     * variation (a mean-reverting process, see docs/LINK-EMULATOR.md); burst may be null.
     */
    public record Direction(double rateMbit, double delayMs, double jitterMs, double lossPercent, GilbertElliott burst) {

        public Direction {
            if (!(rateMbit >= 0) || !(delayMs >= 0) || !(jitterMs >= 0) || !(lossPercent >= 0 && lossPercent <= 100)) {
                throw new IllegalArgumentException("bad direction parameters: rate=" + rateMbit + " delay=" + delayMs
                        + " jitter=" + jitterMs + " loss=" + lossPercent);
            }
        }

        public Direction(double rateMbit, double delayMs, double jitterMs, double lossPercent) {
            this(rateMbit, delayMs, jitterMs, lossPercent, null);
        }

        /** {@code rate:delay:jitter:loss[:p:r:lossInBad]}, the form {@link LinkEmulatorMain} takes. */
        public String toSpec() {
            String s = fmt(rateMbit) + ":" + fmt(delayMs) + ":" + fmt(jitterMs) + ":" + fmt(lossPercent);
            if (burst != null) {
                s += ":" + fmt(burst.pGoodToBad()) + ":" + fmt(burst.pBadToGood()) + ":" + fmt(burst.lossInBad());
            }
            return s;
        }

        public static Direction parse(String spec) {
            String[] f = spec.split(":");
            if (f.length != 4 && f.length != 7) {
                throw new IllegalArgumentException("direction spec is rate:delay:jitter:loss[:p:r:lossInBad], got " + spec);
            }
            GilbertElliott ge = f.length == 7
                    ? new GilbertElliott(Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]))
                    : null;
            return new Direction(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), ge);
        }
    }

    /** A stretch of the schedule: both rates scaled by rateFactor, or every arriving packet dropped (outage). */
    public record Phase(double durationMs, double rateFactor, boolean outage) {

        public Phase {
            if (!(durationMs > 0) || !(rateFactor > 0)) {
                throw new IllegalArgumentException("phase needs duration > 0 and rate factor > 0: " + durationMs + ", " + rateFactor);
            }
        }

        public static Phase rate(double durationMs, double rateFactor) {
            return new Phase(durationMs, rateFactor, false);
        }

        public static Phase outage(double durationMs) {
            return new Phase(durationMs, 1.0, true);
        }

        /** {@code durationMs:rateFactor} or {@code durationMs:outage}. */
        public String toSpec() {
            return fmt(durationMs) + ":" + (outage ? "outage" : fmt(rateFactor));
        }

        public static Phase parse(String spec) {
            String[] f = spec.split(":");
            if (f.length != 2) {
                throw new IllegalArgumentException("phase spec is durationMs:rateFactor or durationMs:outage, got " + spec);
            }
            double ms = Double.parseDouble(f[0]);
            return f[1].equals("outage") ? outage(ms) : rate(ms, Double.parseDouble(f[1]));
        }
    }

    public static EmulationProfile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fiber" -> new EmulationProfile("fiber",
                    new Direction(100, 5, 0.5, 0), new Direction(100, 5, 0.5, 0), List.of());
            case "cable" -> new EmulationProfile("cable",
                    new Direction(10, 12, 2, 0.1), new Direction(50, 12, 2, 0.1), List.of());
            case "adsl" -> new EmulationProfile("adsl",
                    new Direction(1, 20, 1, 0.2), new Direction(16, 20, 1, 0.2), List.of());
            case "lte" -> {
                GilbertElliott bursts = new GilbertElliott(0.004, 0.3, 0.5);
                yield new EmulationProfile("lte",
                        new Direction(10, 45, 15, 0.3, bursts), new Direction(30, 45, 15, 0.3, bursts), List.of());
            }
            case "starlink" -> new EmulationProfile("starlink",
                    new Direction(15, 20, 8, 0.5), new Direction(100, 20, 8, 0.5),
                    List.of(Phase.rate(14_850, 1.0), Phase.outage(150),
                            Phase.rate(14_850, 0.6), Phase.outage(150),
                            Phase.rate(14_850, 0.8), Phase.outage(150)));
            default -> throw new IllegalArgumentException(
                    "unknown emulation profile '" + name + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** Same rate and one-way delay both ways, no jitter, no loss, no schedule. */
    public static EmulationProfile fixed(double rateMbit, double delayMs) {
        Direction d = new Direction(rateMbit, delayMs, 0, 0);
        return new EmulationProfile("fixed-" + fmt(rateMbit) + "mbit-" + fmt(delayMs) + "ms", d, d, List.of());
    }

    /** Arguments for {@link LinkEmulatorMain} that reproduce this profile exactly. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--name", name, "--up", up.toSpec(), "--down", down.toSpec()));
        for (Phase p : schedule) {
            args.add("--phase");
            args.add(p.toSpec());
        }
        return args;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
