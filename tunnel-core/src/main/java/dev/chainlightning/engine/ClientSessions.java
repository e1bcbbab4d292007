package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import dev.chainlightning.wire.PacketHeader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** The client's side: one session for the whole run, with one link per configured source. */
final class ClientSessions implements SessionDirectory {
    private final Session session;
    private final List<DatagramChannel> channels;

    ClientSessions(Session session, List<Link> links) {
        this.session = session;
        this.channels = links.stream().map(Link::channel).toList();
        links.forEach(session.striper()::register);
    }

    @Override
    public Session current() {
        return session;
    }

    @Override
    public Session open(ByteBuffer packet, ByteBuffer body, TunnelCounters counters) {
        if (PacketHeader.session(packet, 0) != session.id()) {
            counters.drop(DropReason.NO_SESSION);
            return null;
        }
        if (!session.opener().open(packet, body)) {
            counters.drop(DropReason.AUTH);
            return null;
        }
        return session;
    }

    @Override
    public Link linkFor(Session s, int linkId, DatagramChannel via, InetSocketAddress from, long nowNanos) {
        Link link = s.striper().link(linkId);
        // The server must answer a link on the socket that link uses; anything else is not ours.
        return link != null && link.channel() == via ? link : null;
    }

    @Override
    public Iterable<DatagramChannel> channels() {
        return channels;
    }
}
