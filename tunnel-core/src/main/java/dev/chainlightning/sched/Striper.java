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
            if (link == null || link.remote() == null || !link.health().isUp(nowNanos)) {
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
