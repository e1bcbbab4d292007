package dev.chainlightning.testbed.emu;

import dev.chainlightning.tun.TunDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

/**
 * Two threads around a TUN device: the reader decides each packet's fate and release time and
 * queues it on its direction's {@link DelayLine}; the releaser writes packets back when due.
 */
final class Emulator {

    private static final int MAX_QUEUED_PACKETS = 1 << 16;
    private static final long IDLE_PARK_NANOS = 20_000_000;

    private final TunDevice tun;
    private final int clientNet;
    private final int clientMask;
    private final LinkDirection up;
    private final LinkDirection down;
    private final DelayLine upLine = new DelayLine(256, MAX_QUEUED_PACKETS);
    private final DelayLine downLine = new DelayLine(256, MAX_QUEUED_PACKETS);
    private final WakeUpLead wakeUpLead = new WakeUpLead();
    private volatile boolean running = true;
    private volatile Thread releaser;
    private long overflow;
    private volatile long written;
    private volatile long writeFailures;

    Emulator(TunDevice tun, EmulationProfile profile, int clientNet, int clientMask, RandomGenerator random) {
        this.tun = tun;
        this.clientNet = clientNet;
        this.clientMask = clientMask;
        Schedule schedule = new Schedule(profile.schedule());
        long start = System.nanoTime();
        this.up = new LinkDirection(profile.up(), schedule, start, random);
        this.down = new LinkDirection(profile.down(), schedule, start, random);
    }

    void run() throws IOException {
        Thread r = new Thread(this::releaseLoop, "emu-release");
        r.setDaemon(true);
        r.setPriority(Thread.MAX_PRIORITY);
        releaser = r;
        r.start();
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        while (running) {
            buf.clear();
            int n;
            try {
                n = tun.read(buf, 200_000_000L);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                throw e;
            }
            if (n <= 0) {
                continue;
            }
            long now = System.nanoTime();
            buf.limit(n);
            boolean isDown = n >= 20 && (buf.get(0) & 0xf0) == 0x40 && (buf.getInt(16) & clientMask) == clientNet;
            LinkDirection dir = isDown ? down : up;
            DelayLine line = isDown ? downLine : upLine;
            long release = dir.releaseTime(now, n);
            if (release == LinkDirection.DROP) {
                continue;
            }
            boolean wasEmpty = line.size() == 0;
            if (!line.offer(release, buf)) {
                overflow++;
                continue;
            }
            if (wasEmpty) {
                LockSupport.unpark(releaser);
            }
        }
    }

    private void releaseLoop() {
        ByteBuffer out = ByteBuffer.allocateDirect(DelayLine.SLOT_BYTES);
        boolean parked = false;
        while (running) {
            long now = System.nanoTime();
            long lead = wakeUpLead.nanos();
            long firstDue = Math.min(upLine.headTime(), downLine.headTime());
            boolean any = release(upLine, now + lead, out) | release(downLine, now + lead, out);
            if (any) {
                if (parked) {
                    wakeUpLead.observe(now - firstDue);
                    parked = false;
                }
                continue;
            }
            long next = Math.min(upLine.headTime(), downLine.headTime());
            long wait = next == Long.MAX_VALUE ? IDLE_PARK_NANOS : next - now - lead;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                parked = next != Long.MAX_VALUE;
            }
        }
    }

    private boolean release(DelayLine line, long now, ByteBuffer out) {
        boolean any = false;
        while (line.pollDue(now, out)) {
            any = true;
            if (tun.write(out)) {
                written++;
            } else {
                writeFailures++;
            }
        }
        return any;
    }

    void stop() {
        running = false;
        Thread r = releaser;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    String stats() {
        return "up[" + up.stats() + "] down[" + down.stats() + "] overflow=" + overflow
                + " written=" + written + " writeFailures=" + writeFailures
                + " wakeUpLeadMicros=" + wakeUpLead.nanos() / 1000;
    }
}
