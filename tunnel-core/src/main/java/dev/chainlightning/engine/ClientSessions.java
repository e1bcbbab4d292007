package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import dev.chainlightning.wire.HandshakePackets;
import dev.chainlightning.wire.PacketType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** The client's side: one session for the whole run, with one link per configured source, keyed by its handshakes. */
final class ClientSessions implements SessionDirectory {
    private final Session session;
    private final List<DatagramChannel> channels;
    private final ClientHandshake handshake;

    ClientSessions(Session session, List<Link> links, Credentials credentials, HandshakeWorker worker, TunnelCounters counters) {
        this.session = session;
        this.channels = links.stream().map(Link::channel).toList();
        links.forEach(session.striper()::register);
        this.handshake = new ClientHandshake(credentials, session, links, worker, counters);
    }

    @Override
    public Session current() {
        return session;
    }

    @Override
    public Session open(ByteBuffer packet, ByteBuffer body, TunnelCounters counters, long nowNanos) {
        if (!session.open(packet, body, counters, nowNanos)) {
            return null;
        }
        handshake.onAuthentic(nowNanos);
        return session;
    }

    @Override
    public DropReason onHandshake(byte[] packet, DatagramChannel via, InetSocketAddress from, long nowNanos) {
        Link link = linkFor(session, packet[HandshakePackets.LINK_OFFSET] & 0xff, via, from, nowNanos);
        if (link == null) {
            return DropReason.BAD_LINK;
        }
        return switch (packet[HandshakePackets.TYPE_OFFSET]) {
            case PacketType.HANDSHAKE_RESPONSE -> handshake.onResponse(packet, link, nowNanos);
            case PacketType.COOKIE_REPLY -> handshake.onCookieReply(packet, link, nowNanos);
            default -> DropReason.BAD_TYPE; // initiations go to the server only
        };
    }

    @Override
    public void tick(long nowNanos) {
        handshake.tick(nowNanos);
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
