package dev.chainlightning.link;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.function.LongPredicate;

/**
 * A link driven by hand with injected time: heartbeats go out when the test says, and are answered
 * after the link's round trip unless the loss rule drops them.
 */
final class SimulatedLink {
    static final long TICK = 100_000_000L;
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 9);

    final Link link;
    long rttNanos;
    /** Given the heartbeat's number, whether it (or its answer) is lost. */
    LongPredicate lost = n -> false;
    /** A dead link answers nothing at all. */
    boolean dead;
    /** When the latest answer arrived. */
    long lastAnswerNanos;
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();

    SimulatedLink(int id, long rttNanos, double configuredMbit) {
        this.link = new Link(id, "l" + id, configuredMbit, null, PEER, false, TICK);
        this.rttNanos = rttNanos;
    }

    SimulatedLink(int id, long rttNanos) {
        this(id, rttNanos, 0);
    }

    LinkHealth health() {
        return link.health();
    }

    /** Delivers the answers that have arrived by {@code now}. */
    void deliver(long now) {
        while (!inFlight.isEmpty() && inFlight.peekFirst()[1] <= now) {
            long[] answer = inFlight.pollFirst();
            link.health().onAck(answer[0], answer[1]);
            lastAnswerNanos = answer[1];
        }
    }

    /** Sends a heartbeat at {@code now}. */
    void sendHeartbeat(long now) {
        int number = link.health().onHeartbeatSent(now);
        if (!dead && !lost.test(number)) {
            inFlight.addLast(new long[] {now, now + rttNanos});
        }
    }

    /** One tick: answers that arrived, then a heartbeat. */
    void tick(long now) {
        deliver(now);
        sendHeartbeat(now);
    }
}
