package dev.chainlightning.engine;

import dev.chainlightning.link.Link;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** How one side finds sessions and links: the client has exactly one; the server learns them from the client's handshakes. */
interface SessionDirectory {
    /** The session outgoing traffic belongs to, or null when there is none yet. */
    Session current();

    /**
     * Finds the session of the sealed packet {@code packet} and authenticates it, decrypting the
     * body into {@code body}. Returns null, after counting the reason, when the packet is not
     * genuine. Only an authenticated packet may change any state.
     */
    Session open(ByteBuffer packet, ByteBuffer body, TunnelCounters counters, long nowNanos);

    /**
     * Receive thread: a handshake packet of the right length for its type. Returns why it was
     * dropped, or null when it was taken.
     */
    DropReason onHandshake(byte[] packet, DatagramChannel via, InetSocketAddress from, long nowNanos);

    /** Control thread, every tick: the client starts handshakes that are due. */
    void tick(long nowNanos);

    /**
     * The link an authenticated packet of {@code session} arrived on, learning its return path on
     * the server. Returns null when the link id is not acceptable.
     */
    Link linkFor(Session session, int linkId, DatagramChannel via, InetSocketAddress from, long nowNanos);

    /** Every channel this side receives on. */
    Iterable<DatagramChannel> channels();
}
