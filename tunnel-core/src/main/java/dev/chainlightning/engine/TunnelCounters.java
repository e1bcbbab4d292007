package dev.chainlightning.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Tunnel-wide counters, including every reason a packet is dropped. Lock-free. */
public final class TunnelCounters {
    /** Packets read from TUN. */
    public final AtomicLong tunIn = new AtomicLong();
    /** Packets written to TUN. */
    public final AtomicLong tunOut = new AtomicLong();
    /** Packets the kernel refused on TUN. */
    public final AtomicLong tunWriteErrors = new AtomicLong();
    /** Packets from TUN dropped because no link was up. */
    public final AtomicLong noLinkDrops = new AtomicLong();
    /** Bulk packets the send queue's CoDel dropped (the queue stood too long) and packets refused because it was full. */
    public final AtomicLong sendQueueAqmDrops = new AtomicLong();
    public final AtomicLong sendQueueFullDrops = new AtomicLong();
    /** Packets from TUN dropped because no client session exists yet (server). */
    public final AtomicLong noPeerDrops = new AtomicLong();
    /** Datagrams from the network dropped, by {@link DropReason}. */
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);

    /** Packets dropped because handling them threw: a bug, reported once in the log. */
    public final AtomicLong internalErrors = new AtomicLong();

    /** NACK packets sent (receive side) and data packets sent again because the peer asked. */
    public final AtomicLong nacksSent = new AtomicLong();
    /** Data packets the NACKs asked for: each one a packet a link lost (or held back beyond its peers). */
    public final AtomicLong nackedPackets = new AtomicLong();
    public final AtomicLong resentPackets = new AtomicLong();

    /** Links that went down (no answer to 3 heartbeats): failovers, counted by the control thread. */
    public final AtomicLong linkDownEvents = new AtomicLong();

    /** Parity packets and bytes sent (send side). */
    public final AtomicLong parityPackets = new AtomicLong();
    public final AtomicLong parityBytes = new AtomicLong();

    /**
     * A packet's handling threw (a bug): count it, and log the first one with where it was thrown,
     * so one bad packet costs itself, not the thread, and the log is not flooded.
     */
    void onPacketPathFailure(String path, RuntimeException e) {
        if (internalErrors.getAndIncrement() == 0) {
            StackTraceElement[] trace = e.getStackTrace();
            dev.chainlightning.util.Log.error(path + " path failed on a packet (dropped; later ones are only counted): "
                    + e + (trace.length > 0 ? " at " + trace[0] : ""));
        }
    }

    /** A datagram from the network was dropped. */
    public void drop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    public long drops(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    /** Datagrams from the network dropped for any reason. */
    public long totalDrops() {
        long total = 0;
        for (int i = 0; i < drops.length(); i++) {
            total += drops.get(i);
        }
        return total;
    }
}
