package dev.chainlightning.link;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Traffic counters of one link. Bytes are counted as on the wire: each datagram plus its IPv4,
 * UDP and Ethernet headers ({@link #FRAMING_BYTES}), so rates compare with what an ISP sells and
 * what a rate limit counts. Lock-free; several threads may add.
 */
public final class LinkCounters {
    /** IPv4 (20) + UDP (8) + Ethernet (14) bytes around every datagram. */
    public static final int FRAMING_BYTES = 42;

    public final AtomicLong txBytes = new AtomicLong();
    public final AtomicLong txPackets = new AtomicLong();
    public final AtomicLong txErrors = new AtomicLong();
    public final AtomicLong rxBytes = new AtomicLong();
    public final AtomicLong rxPackets = new AtomicLong();

    void onSent(int bytes) {
        txBytes.addAndGet(bytes + FRAMING_BYTES);
        txPackets.incrementAndGet();
    }

    public void onReceived(int bytes) {
        rxBytes.addAndGet(bytes + FRAMING_BYTES);
        rxPackets.incrementAndGet();
    }
}
