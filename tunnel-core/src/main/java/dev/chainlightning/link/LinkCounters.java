package dev.chainlightning.link;

import java.util.concurrent.atomic.AtomicLong;

/** Traffic counters of one link. Lock-free; several threads may add. */
public final class LinkCounters {
    public final AtomicLong txBytes = new AtomicLong();
    public final AtomicLong txPackets = new AtomicLong();
    public final AtomicLong txErrors = new AtomicLong();
    public final AtomicLong rxBytes = new AtomicLong();
    public final AtomicLong rxPackets = new AtomicLong();

    void onSent(int bytes) {
        txBytes.addAndGet(bytes);
        txPackets.incrementAndGet();
    }

    public void onReceived(int bytes) {
        rxBytes.addAndGet(bytes);
        rxPackets.incrementAndGet();
    }
}
