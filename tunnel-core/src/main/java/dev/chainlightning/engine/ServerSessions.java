package dev.chainlightning.engine;

import dev.chainlightning.crypto.PacketOpener;
import dev.chainlightning.crypto.PresharedKey;
import dev.chainlightning.crypto.SessionKeys;
import dev.chainlightning.link.Link;
import dev.chainlightning.util.Log;
import dev.chainlightning.wire.PacketHeader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * The server's side. The tunnel is point to point, so one client session is active at a time; a
 * client that restarts comes with a new session id, and its first authenticated packet replaces
 * the old session. Sessions are found by id, never by address, and each link's return address is
 * whatever its latest authenticated packet came from (NAT rebinding, CGNAT port changes).
 */
final class ServerSessions implements SessionDirectory {
    private final PresharedKey psk;
    private final List<DatagramChannel> channels;
    private final SessionFactory sessionFactory;
    /** Tries the keys of an unknown session id without building the session (and its buffers) first. */
    private final PacketOpener probe = new PacketOpener(new byte[dev.chainlightning.crypto.CipherSuite.KEY_LENGTH]);
    private final LinkFactory linkFactory;
    private volatile Session current;

    /** Makes the state of a newly authenticated session. */
    interface SessionFactory {
        Session create(int id, SessionKeys keys);
    }

    /** Makes the server's view of a client link the first time it is seen. */
    interface LinkFactory {
        Link create(int linkId, DatagramChannel via, InetSocketAddress from);
    }

    ServerSessions(PresharedKey psk, List<DatagramChannel> channels, SessionFactory sessionFactory, LinkFactory linkFactory) {
        this.psk = psk;
        this.channels = channels;
        this.sessionFactory = sessionFactory;
        this.linkFactory = linkFactory;
    }

    @Override
    public Session current() {
        return current;
    }

    @Override
    public Session open(ByteBuffer packet, ByteBuffer body, TunnelCounters counters) {
        int id = PacketHeader.session(packet, 0);
        Session session = current;
        if (session != null && session.id() == id) {
            if (session.opener().open(packet, body)) {
                return session;
            }
            counters.drop(DropReason.AUTH);
            return null;
        }
        // An unknown id: only a packet that authenticates under that session's keys may create it.
        SessionKeys keys = SessionKeys.derive(psk, id);
        probe.rekey(keys.receiveKey(false));
        if (!probe.open(packet, body)) {
            counters.drop(DropReason.AUTH);
            return null;
        }
        Session candidate = sessionFactory.create(id, keys);
        Log.info("client session " + Integer.toHexString(id) + " started"
                + (session == null ? "" : ", replacing session " + Integer.toHexString(session.id())));
        current = candidate;
        return candidate;
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
