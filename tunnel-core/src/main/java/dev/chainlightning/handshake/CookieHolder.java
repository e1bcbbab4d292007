package dev.chainlightning.handshake;

import dev.chainlightning.wire.HandshakePackets;
import java.util.Arrays;

/**
 * The client's side of cookies: keeps the cookie of the server's latest cookie reply and keys
 * mac2 of the following initiations with it while it is fresh. The cookie belongs to the address
 * the reply came to; with several links each link would need its own, so one holder per link.
 */
public final class CookieHolder {
    /** A little less than the server's secret lifetime, so a cookie is not used just as it expires. */
    static final long COOKIE_LIFETIME_NANOS = CookieJar.SECRET_LIFETIME_NANOS - 10_000_000_000L;

    private final byte[] openKey;
    private byte[] cookie;
    private long receivedNanos;
    /** mac1 of the last initiation sent on this link: the cookie reply is bound to it. */
    private byte[] lastMac1;

    /** @param serverMacs the MACs keyed for the server's public key */
    public CookieHolder(HandshakeMacs serverMacs) {
        this.openKey = serverMacs.cookieSealKey();
    }

    /** Fills mac2 of an initiation whose mac1 is already in place, and remembers mac1 for the reply. */
    public synchronized void writeMac2(byte[] initiation, long nowNanos) {
        lastMac1 = Arrays.copyOfRange(initiation, HandshakePackets.INITIATION_MAC1_OFFSET,
                HandshakePackets.INITIATION_MAC1_OFFSET + HandshakeMacs.LENGTH);
        byte[] mac2 = cookie != null && nowNanos - receivedNanos < COOKIE_LIFETIME_NANOS
                ? HandshakeMacs.mac2(cookie, initiation, HandshakePackets.INITIATION_MAC2_OFFSET)
                : new byte[HandshakeMacs.LENGTH];
        System.arraycopy(mac2, 0, initiation, HandshakePackets.INITIATION_MAC2_OFFSET, HandshakeMacs.LENGTH);
    }

    /** Takes the cookie of a reply; false (nothing changed) when it does not open against our last initiation. */
    public synchronized boolean onReply(byte[] reply, long nowNanos) {
        if (lastMac1 == null || reply.length != HandshakePackets.COOKIE_REPLY_LENGTH) {
            return false;
        }
        byte[] nonce = Arrays.copyOfRange(reply, HandshakePackets.COOKIE_NONCE_OFFSET, HandshakePackets.COOKIE_SEALED_OFFSET);
        byte[] sealed = Arrays.copyOfRange(reply, HandshakePackets.COOKIE_SEALED_OFFSET, reply.length);
        byte[] opened = CookieJar.open(openKey, nonce, lastMac1, sealed);
        if (opened == null) {
            return false;
        }
        cookie = opened;
        receivedNanos = nowNanos;
        return true;
    }
}
