package dev.chainlightning.sched;

import dev.chainlightning.link.Link;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Chooses the link for each outgoing packet so that every up link carries bytes in proportion to
 * its weight (its configured rate, or equal shares when rates are unknown). It is start-time fair
 * queuing over links: each link has a virtual clock that advances by bytes / weight, and the link
 * with the earliest clock sends next. A link that comes back from down starts at the current
 * clock, so it gets its share from now on rather than a burst to "catch up".
 *
 * <p>Links are registered by the receive or setup thread; {@link #pick} runs on the send thread
 * only and allocates nothing.
 */
public final class Striper {
    public static final int MAX_LINKS = 256;

    private final AtomicReferenceArray<Link> links = new AtomicReferenceArray<>(MAX_LINKS);
    private final double[] virtualTime = new double[MAX_LINKS];
    /** Scratch for {@link #pickForParity}: the links a parity packet may take. */
    private final boolean[] candidate = new boolean[MAX_LINKS];
    private volatile int highestId = -1;
    private double clock;

    /** Adds a link under its id (setup or receive thread). */
    public void register(Link link) {
        links.set(link.id(), link);
        if (link.id() > highestId) {
            highestId = link.id();
        }
    }

    public Link link(int id) {
        return id >= 0 && id < MAX_LINKS ? links.get(id) : null;
    }

    public int highestId() {
        return highestId;
    }

    /** The up link that should carry a packet of {@code bytes}, or null when no link is up. */
    public Link pick(int bytes, long nowNanos) {
        return pick(bytes, nowNanos, null);
    }

    /**
     * The link for a parity packet of an FEC group with {@code parityCount} parity packets, given how
     * many of the group's data and parity packets each link already carries (by link id). The group
     * survives the death of a link only if that link carries at most {@code parityCount} of its
     * packets, so each parity packet goes where it costs that the least:
     * <ol>
     *   <li>to a link that carries too many of the group's packets already (its death is fatal anyway);</li>
     *   <li>else to the link with the fewest packets of the group, if it stays survivable (a link
     *       without the group's data is ideal);</li>
     *   <li>else, every link being exactly full, to the link with the most data: one link is given
     *       up, and the following parity packets join it under rule 1.</li>
     * </ol>
     * Ties go by the usual virtual time; the parity bytes count like any others.
     */
    public Link pickForParity(int bytes, long nowNanos, int[] groupData, int[] groupParity, int parityCount) {
        int last = highestId;
        boolean anyBroken = false;
        int fewest = Integer.MAX_VALUE;
        int mostData = -1;
        for (int i = 0; i <= last; i++) {
            if (usable(links.get(i), nowNanos)) {
                int carried = groupData[i] + groupParity[i];
                anyBroken |= carried > parityCount;
                fewest = Math.min(fewest, carried);
                mostData = Math.max(mostData, groupData[i]);
            }
        }
        for (int i = 0; i <= last; i++) {
            int carried = groupData[i] + groupParity[i];
            if (anyBroken) {
                candidate[i] = carried > parityCount;
            } else if (fewest + 1 <= parityCount) {
                candidate[i] = carried == fewest;
            } else {
                candidate[i] = groupData[i] == mostData;
            }
        }
        return pick(bytes, nowNanos, candidate);
    }

    private static boolean usable(Link link, long nowNanos) {
        return link != null && link.remote() != null && link.health().isUp(nowNanos);
    }

    private Link pick(int bytes, long nowNanos, boolean[] eligible) {
        int last = highestId;
        boolean anyRate = false;
        for (int i = 0; i <= last; i++) {
            Link link = links.get(i);
            if (link != null && link.configuredRateMbit() > 0) {
                anyRate = true;
                break;
            }
        }
        Link best = null;
        double bestStart = Double.MAX_VALUE;
        double bestWeight = 1;
        for (int i = 0; i <= last; i++) {
            Link link = links.get(i);
            if (!usable(link, nowNanos)) {
                continue;
            }
            if (eligible != null && !eligible[i]) {
                continue;
            }
            double start = Math.max(virtualTime[i], clock);
            if (start < bestStart) {
                bestStart = start;
                best = link;
                bestWeight = anyRate && link.configuredRateMbit() > 0 ? link.configuredRateMbit() : 1;
            }
        }
        if (best == null) {
            return null;
        }
        clock = bestStart;
        virtualTime[best.id()] = bestStart + bytes / bestWeight;
        return best;
    }
}
