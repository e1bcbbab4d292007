package dev.chainlightning.sched;

import dev.chainlightning.link.Link;
import dev.chainlightning.link.LinkCounters;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Chooses the link for each outgoing packet: the one on which it is expected to arrive first.
 * The expected arrival on a link is its base one-way delay (half its smallest round trip) plus
 * the time to drain what we have already put on it, at its estimated capacity
 * ({@link dev.chainlightning.link.LinkCapacity}). What we put on a link is tracked as a backlog of
 * bytes that drains at that capacity as time passes.
 *
 * <p>Two kinds of packet weigh delay differently:
 * <ul>
 *   <li>Bulk packets ({@link #pick}) are held by the receiver until the slowest link of the bond
 *       would have delivered them (delivery alignment, {@code reorder.DeliveryAlignment}), so a
 *       bond link's own delay does not matter for them: only its queue does. They go where the
 *       queue drains first, which shares the links in proportion to their capacity and keeps
 *       every queue short. Without alignment, using a far link would mean first queueing the near
 *       ones up to the far one's delay, a delay TCP reads as congestion.</li>
 *   <li>Express packets ({@link #pickExpress}: TCP ACKs, DNS, small packets) are delivered on
 *       arrival, so their link's delay counts in full: they take the link where they arrive
 *       first, usually the nearest one.</li>
 * </ul>
 *
 * <p>Links are registered by the receive or setup thread; the picks run on the send thread only
 * and allocate nothing.
 */
public final class Striper {
    public static final int MAX_LINKS = 256;

    private final AtomicReferenceArray<Link> links = new AtomicReferenceArray<>(MAX_LINKS);
    /** Bytes put on each link that have not drained yet at its estimated capacity. */
    private final double[] backlogBytes = new double[MAX_LINKS];
    private final long[] backlogNanos = new long[MAX_LINKS];
    /** Scratch for {@link #pickForParity}: the links a parity packet may take. */
    private final boolean[] candidate = new boolean[MAX_LINKS];
    private volatile int highestId = -1;
    private long paceWaitNanos;

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

    /** The up link that should carry a bulk packet of {@code bytes}, or null when no link is up. */
    public Link pick(int bytes, long nowNanos) {
        return pick(bytes, nowNanos, null, true);
    }

    /** The up link where an express packet of {@code bytes} arrives first, or null when no link is up. */
    public Link pickExpress(int bytes, long nowNanos) {
        return pick(bytes, nowNanos, null, false);
    }

    /**
     * Any thread, read-only (it touches no queue state): the up link with the smallest round trip,
     * other than the link of id {@code except} (-1 for none); null when there is none. For NACKs
     * and the packets they ask for, which the receive thread sends.
     */
    public Link nearestUp(long nowNanos, int except) {
        Link best = null;
        for (int i = 0; i <= highestId; i++) {
            Link link = links.get(i);
            if (i != except && usable(link, nowNanos)
                    && (best == null || link.health().smoothedRttNanos() < best.health().smoothedRttNanos())) {
                best = link;
            }
        }
        return best;
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
        return pick(bytes, nowNanos, candidate, true);
    }

    /** The link where an express packet would arrive first after {@code first}'s: for its second copy. */
    public Link pickSecond(int bytes, long nowNanos, Link first) {
        java.util.Arrays.fill(candidate, 0, highestId + 1, true);
        candidate[first.id()] = false;
        return pick(bytes, nowNanos, candidate, false);
    }

    private static boolean usable(Link link, long nowNanos) {
        return link != null && link.remote() != null && link.health().isUp(nowNanos);
    }

    /**
     * @param aligned whether the receiver holds this packet to the bond's common delivery time, so
     *                that the delay differences between the links that are up do not count
     */
    private Link pick(int bytes, long nowNanos, boolean[] eligible, boolean aligned) {
        Link best = choose(bytes, nowNanos, eligible, aligned, 0);
        if (best != null) {
            backlogBytes[best.id()] += bytes + LinkCounters.FRAMING_BYTES;
        }
        return best;
    }

    /**
     * Paced bulk pick for the head of the send queue: the link where the packet would be delivered
     * first, as {@link #pick}, but only once that link's backlog drains within
     * {@link #PACING_HORIZON_NANOS}. Otherwise null, and {@link #paceWaitNanos()} says how long
     * until it does (0 when no link is up at all). So no link is given more than its estimated
     * capacity: the queue stays with us, where express packets overtake it and the send queue's
     * AQM keeps it short, instead of in a modem's buffer.
     *
     * @param waitedNanos how long the packet has waited in our queue already: that much of a link's
     *                    extra delay is no longer a reason to avoid it (a degraded link takes
     *                    packets once the better ones keep packets waiting that long)
     */
    public Link pickPaced(int bytes, long nowNanos, long waitedNanos) {
        Link best = choose(bytes, nowNanos, null, true, waitedNanos);
        if (best == null) {
            paceWaitNanos = 0;
            return null;
        }
        double drainNanos = backlogBytes[best.id()] / (best.usableCapacityBps(nowNanos) / 8e9);
        if (drainNanos > PACING_HORIZON_NANOS) {
            paceWaitNanos = (long) Math.max(1_000, Math.min(10_000_000, drainNanos - PACING_HORIZON_NANOS));
            return null;
        }
        backlogBytes[best.id()] += bytes + LinkCounters.FRAMING_BYTES;
        return best;
    }

    /** After {@link #pickPaced} returned null: nanoseconds until a link has room, or 0 when none is up. */
    public long paceWaitNanos() {
        return paceWaitNanos;
    }

    private Link choose(int bytes, long nowNanos, boolean[] eligible, boolean aligned, long waitedNanos) {
        int last = highestId;
        long nearest = Long.MAX_VALUE;
        long farthest = 0;
        for (int i = 0; i <= last; i++) {
            Link link = links.get(i);
            if (usable(link, nowNanos) && (eligible == null || eligible[i])) {
                long oneWay = link.health().minRttNanos() / 2;
                nearest = Math.min(nearest, oneWay);
                if (!link.health().isDegraded()) {
                    // The receiver aligns to the slowest link that is not degraded; a degraded link's
                    // extra delay beyond that still counts, so it gets packets only when the others'
                    // queues are longer than that.
                    farthest = Math.max(farthest, oneWay);
                }
            }
        }
        long alignedSpread = aligned && nearest != Long.MAX_VALUE ? Math.max(0, farthest - nearest) : 0;
        return earliest(bytes + LinkCounters.FRAMING_BYTES, nowNanos, eligible, nearest, alignedSpread + waitedNanos);
    }

    /**
     * The link where the last byte of a packet of {@code wireBytes} would arrive (or, for an
     * aligned packet, be delivered) first: a link's extra delay over the nearest counts only
     * beyond {@code alignedSpread}.
     */
    private Link earliest(int wireBytes, long nowNanos, boolean[] eligible, long nearest, long alignedSpread) {
        Link best = null;
        double bestArrival = Double.MAX_VALUE;
        for (int i = 0; i <= highestId; i++) {
            Link link = links.get(i);
            if (!usable(link, nowNanos) || (eligible != null && !eligible[i])) {
                continue;
            }
            double bytesPerNano = link.usableCapacityBps(nowNanos) / 8e9; // less while it revives from down
            drain(i, bytesPerNano, nowNanos);
            // The packet's own transmission time counts too: with empty queues a faster link finishes
            // it sooner, so idle links share by capacity rather than all going to the first one.
            long extra = Math.max(0, link.health().minRttNanos() / 2 - nearest - alignedSpread);
            double arrival = extraDelay(extra) + (backlogBytes[i] + wireBytes) / bytesPerNano;
            if (arrival < bestArrival) {
                bestArrival = arrival;
                best = link;
            }
        }
        return best;
    }

    /**
     * How much later than the nearest link a link delivers by its own delay. Differences under
     * {@link #SAME_DELAY_NANOS} are measurement noise on links that are alike; counting them would
     * tilt the split towards whichever link happened to show the smallest round trip.
     */
    private static double extraDelay(long nanos) {
        return nanos < SAME_DELAY_NANOS ? 0 : nanos;
    }

    private static final long SAME_DELAY_NANOS = 1_000_000L;
    /**
     * How much a paced link is given beyond what it drains: enough that it never runs dry while the
     * send thread sleeps (its wake-ups come up to a millisecond late on a busy machine), little
     * enough that the queue at the link's bottleneck adds no noticeable delay.
     */
    public static final long PACING_HORIZON_NANOS = 3_000_000L;
    /**
     * The model's backlog is capped at this much time: packets a full bottleneck dropped still
     * count in it, and a backlog no real buffer holds would keep a link out of use long after.
     */
    private static final double MAX_BACKLOG_NANOS = 250_000_000L;

    private void drain(int i, double bytesPerNano, long nowNanos) {
        long elapsed = nowNanos - backlogNanos[i];
        backlogNanos[i] = nowNanos;
        backlogBytes[i] = Math.min(MAX_BACKLOG_NANOS * bytesPerNano, Math.max(0, backlogBytes[i] - elapsed * bytesPerNano));
    }
}
