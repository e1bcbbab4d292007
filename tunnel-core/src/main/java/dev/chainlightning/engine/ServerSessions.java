package dev.chainlightning.engine;

import dev.chainlightning.crypto.Keypair;
import dev.chainlightning.crypto.noise.TransportKeys;
import dev.chainlightning.link.Link;
import dev.chainlightning.util.Log;
import dev.chainlightning.wire.PacketType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.List;

/**
 * The server's side. The tunnel is point to point, so one client session is active at a time. A
 * session starts with a handshake from the configured client; a client that restarts comes with a
 * new run id in its handshake, and that replaces the old session. Sealed packets are found by the
 * key index they carry, never by address, and each link's return address is whatever its latest
 * authenticated packet came from (NAT rebinding, CGNAT port changes).
 */
final class ServerSessions implements SessionDirectory, ServerHandshake.Acceptor {
    private final List<DatagramChannel> channels;
    private final SessionFactory sessionFactory;
    private final LinkFactory linkFactory;
    private final ServerHandshake handshake;
    private final SecureRandom random = new SecureRandom();
    private volatile Session current;

    /** Makes the state of a new client run. */
    interface SessionFactory {
        Session create(int runId);
    }

    /** Makes the server's view of a client link the first time it is seen. */
    interface LinkFactory {
        Link create(int linkId, DatagramChannel via, InetSocketAddress from);
    }

    ServerSessions(Credentials credentials, List<DatagramChannel> channels, SessionFactory sessionFactory, LinkFactory linkFactory,
                   HandshakeWorker worker, TunnelCounters counters, dev.chainlightning.wire.Obfuscation obfuscation) {
        this.channels = channels;
        this.sessionFactory = sessionFactory;
        this.linkFactory = linkFactory;
        this.handshake = new ServerHandshake(credentials, this, worker, counters, obfuscation);
    }

    @Override
    public Session current() {
        return current;
    }

    @Override
    public Session open(ByteBuffer packet, ByteBuffer body, TunnelCounters counters, long nowNanos) {
        Session session = current;
        if (session == null) {
            counters.drop(DropReason.NO_SESSION);
            return null;
        }
        return session.open(packet, body, counters, nowNanos) ? session : null;
    }

    @Override
    public DropReason onHandshake(byte[] packet, DatagramChannel via, InetSocketAddress from, long nowNanos) {
        if (packet[0] != PacketType.HANDSHAKE_INITIATION) {
            return DropReason.BAD_TYPE; // responses and cookies go to the client only
        }
        return handshake.onInitiation(packet, via, from, nowNanos);
    }

    @Override
    public void tick(long nowNanos) {
        // The server never starts a handshake: it has no address to reach the client at but the client's own packets.
    }

    @Override
    public Link accept(int runId, int ownIndex, int clientIndex, TransportKeys keys, int linkId, DatagramChannel via,
                       InetSocketAddress from, long nowNanos) {
        Session session = current;
        if (session == null || session.id() != runId) {
            session = sessionFactory.create(runId);
            Log.info("client session " + Integer.toHexString(runId) + " started"
                    + (current == null ? "" : ", replacing session " + Integer.toHexString(current.id())));
            current = session;
        } else {
            Log.debug("client session " + Integer.toHexString(runId) + " renewed its keys over link " + linkId);
        }
        session.keys().installAsResponder(new Keypair(ownIndex, clientIndex, keys.sendKey(false), keys.receiveKey(false), false, nowNanos));
        return linkFor(session, linkId, via, from, nowNanos);
    }

    @Override
    public boolean isLinkAddress(InetSocketAddress address) {
        Session session = current;
        if (session == null) {
            return false;
        }
        for (int id = 0; id <= session.striper().highestId(); id++) {
            Link link = session.striper().link(id);
            if (link != null && address.equals(link.remote())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int freshIndex() {
        Session session = current;
        int index;
        do {
            index = random.nextInt();
        } while (session != null && session.keys().usesIndex(index));
        return index;
    }

    @Override
    public Link linkFor(Session session, int linkId, DatagramChannel via, InetSocketAddress from, long nowNanos) {
        Link link = session.striper().link(linkId);
        if (link == null) {
            link = linkFactory.create(linkId, via, from);
            link.health().markAlive(nowNanos);
            session.striper().register(link);
            Log.info("link " + link.name() + " joined from " + from);
        } else if (link.learnReturnPath(via, from)) {
            Log.info("link " + link.name() + " now answers to " + from + " (the client's address or NAT mapping changed)");
        }
        return link;
    }

    @Override
    public Iterable<DatagramChannel> channels() {
        return channels;
    }
}
