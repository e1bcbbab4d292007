package dev.chainlightning.engine;

import dev.chainlightning.util.Log;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where handshake cryptography runs, so that it never holds up the receive thread and with it the
 * data. A Noise handshake costs a few Diffie-Hellman operations: 2 to 10 ms before the JIT has
 * compiled them, which at once every two minutes it never does. On the receive thread each rekey
 * would hold every link's packets that long, and a flood of initiations would hold them for good.
 *
 * <p>The receive thread does the cheap checks and {@link #offer}s the rest as a job; the job runs
 * here and hands what must change (keys, sessions, links) back with {@link #complete}, which the
 * receive thread runs on its next turn ({@link #runCompletions}). So all session state still
 * changes on the receive thread alone. The job queue is short and bounded: when it is full,
 * further handshakes are refused (counted as {@code busy}), never queued without limit.
 */
final class HandshakeWorker implements AutoCloseable {
    static final int QUEUE = 16;

    private final BlockingQueue<Runnable> jobs = new ArrayBlockingQueue<>(QUEUE);
    private final ConcurrentLinkedQueue<Runnable> completions = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicLong offered = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong finished = new java.util.concurrent.atomic.AtomicLong();
    private volatile Runnable wakeReceiver = () -> { };
    private volatile boolean running = true;

    HandshakeWorker(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** How the receive thread is woken when a completion waits (its selector's wakeup). */
    void wakeReceiverWith(Runnable wakeup) {
        this.wakeReceiver = wakeup;
    }

    /** Any thread: queues a job; false when the queue is full (the caller counts it as busy). */
    boolean offer(Runnable job) {
        offered.incrementAndGet();
        if (jobs.offer(job)) {
            return true;
        }
        finished.incrementAndGet();
        return false;
    }

    /** Worker thread: hands {@code change} to the receive thread. */
    void complete(Runnable change) {
        completions.add(change);
        wakeReceiver.run();
    }

    /** Receive thread, every turn: applies what finished handshakes changed. */
    void runCompletions() {
        Runnable change;
        while ((change = completions.poll()) != null) {
            change.run();
        }
    }

    /** For tests: waits until every job offered so far has run, then applies their completions. */
    void awaitIdleAndComplete() throws InterruptedException {
        while (finished.get() < offered.get()) {
            Thread.sleep(1);
        }
        runCompletions();
    }

    private void run() {
        while (running) {
            Runnable job;
            try {
                job = jobs.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                job.run();
            } catch (RuntimeException e) {
                // A bug in one handshake must not end all later ones.
                Log.error("handshake job failed: " + e);
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
