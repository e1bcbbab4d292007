package dev.chainlightning.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One path between client and server: a UDP socket and the address of the other end. On the
 * client the socket is bound to one WAN's source address and connected to one server port. On the
 * server it is the listening socket the client's link arrives at, and the return address is the
 * one the latest authenticated packet of this link came from, so NAT rebinding is followed.
 */
public final class Link {
    /** Set at setup when the tunnel obfuscates its datagrams; null otherwise. */
    private volatile dev.chainlightning.wire.Obfuscation obfuscation;
    private final int id;
    private final String name;
    private final double configuredRateMbit;
    private final LinkHealth health;
    private final LinkCounters counters = new LinkCounters();
    private final LinkCapacity capacity;
    private final PeerHeartbeatPace peerPace = new PeerHeartbeatPace();
    private final OneWayDelay inbound = new OneWayDelay(peerPace);
    private final HeartbeatPacer pacer;
    private volatile DatagramChannel channel;
    private volatile InetSocketAddress remote;
    private final boolean connected;

    public Link(int id, String name, double configuredRateMbit, DatagramChannel channel, InetSocketAddress remote,
                boolean connected, long heartbeatIntervalNanos) {
        this.id = id;
        this.name = name;
        this.configuredRateMbit = configuredRateMbit;
        this.channel = channel;
        this.remote = remote;
        this.connected = connected;
        this.health = new LinkHealth(heartbeatIntervalNanos);
        this.capacity = new LinkCapacity(configuredRateMbit);
        this.pacer = new HeartbeatPacer(heartbeatIntervalNanos, health, capacity, peerPace);
    }

    /** Estimated capacity in our sending direction. */
    public LinkCapacity capacity() {
        return capacity;
    }

    /**
     * What the scheduler should count on this link carrying now: its pacing rate (the estimated
     * capacity times the probing gain, {@link LinkCapacity#pacingBps}), scaled
     * down for a couple of seconds after the link came back from down (see
     * {@link LinkHealth#revivalShare}). Cheap and allocation-free.
     */
    public double usableCapacityBps(long nowNanos) {
        return capacity.pacingBps() * health.revivalShare(nowNanos);
    }

    /** When this link's next heartbeat is due (control thread). */
    public HeartbeatPacer pacer() {
        return pacer;
    }

    /** Queueing delay and jitter in the peer's sending direction, as seen here. */
    public OneWayDelay inbound() {
        return inbound;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Configured capacity, or 0 when unknown. */
    public double configuredRateMbit() {
        return configuredRateMbit;
    }

    public LinkHealth health() {
        return health;
    }

    public LinkCounters counters() {
        return counters;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public DatagramChannel channel() {
        return channel;
    }

    /**
     * Receive thread, after authentication only: the peer's packet for this link arrived on
     * {@code via} from {@code from}. Returns true when the return path changed.
     */
    public boolean learnReturnPath(DatagramChannel via, InetSocketAddress from) {
        boolean changed = !from.equals(remote) || via != channel;
        if (changed) {
            remote = from;
            channel = via;
        }
        return changed;
    }

    /** Whether the socket is connected to the peer (client), so sends name no address. */
    public boolean isConnected() {
        return connected;
    }

    /** Whether datagrams are obfuscated (padded to varying sizes) before they leave. */
    public boolean isObfuscated() {
        return obfuscation != null;
    }

    /** Obfuscates everything this link sends from now on ({@code [security] obfuscate}); setup only. */
    public void obfuscate(dev.chainlightning.wire.Obfuscation obfuscation) {
        this.obfuscation = obfuscation;
    }

    /**
     * Sends one datagram. A full socket buffer or a network error drops the packet and counts it;
     * it never throws, because one broken link must not stop the others.
     */
    public boolean send(ByteBuffer datagram) {
        InetSocketAddress target = remote;
        if (target == null) {
            return false;
        }
        if (obfuscation != null) {
            datagram = obfuscation.wrap(datagram);
        }
        int bytes = datagram.remaining();
        try {
            int sent = connected ? channel.write(datagram) : channel.send(datagram, target);
            if (sent == bytes) {
                counters.onSent(bytes);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // Unreachable network, closed socket during shutdown: counted below.
        }
        counters.txErrors.incrementAndGet();
        return false;
    }
}
