package dev.chainlightning.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.wire.HandshakePackets;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cookies: what a client under a loaded server must prove, and what a bystander cannot. */
class CookieTest {
    private final X25519KeyPair server = X25519KeyPair.generate();
    private final HandshakeMacs serverMacs = new HandshakeMacs(server.publicKey().bytes());
    private final CookieJar jar = new CookieJar(serverMacs);
    private final CookieHolder holder = new CookieHolder(serverMacs);
    private final InetSocketAddress client = new InetSocketAddress("192.0.2.7", 40000);

    private byte[] initiation(long seed) {
        byte[] packet = new byte[HandshakePackets.INITIATION_LENGTH];
        new Random(seed).nextBytes(packet);
        System.arraycopy(serverMacs.mac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET), 0, packet,
                HandshakePackets.INITIATION_MAC1_OFFSET, HandshakeMacs.LENGTH);
        return packet;
    }

    @Test
    void aClientThatReadsTheReplyRepeatsItsInitiationWithAValidMac2() {
        byte[] first = initiation(1);
        holder.writeMac2(first, 0);
        assertThat(jar.hasValidMac2(first, client, 0)).as("no cookie yet").isFalse();

        byte[] reply = jar.reply(first, client, 3, 0);
        assertThat(reply).hasSize(HandshakePackets.COOKIE_REPLY_LENGTH);
        assertThat(reply.length).isLessThan(first.length);
        assertThat(holder.onReply(reply, 0)).isTrue();

        byte[] second = initiation(2);
        holder.writeMac2(second, 1_000_000);
        assertThat(jar.hasValidMac2(second, client, 1_000_000)).isTrue();
        assertThat(jar.hasValidMac2(second, new InetSocketAddress("192.0.2.7", 40001), 1_000_000))
                .as("the cookie belongs to one source address and port").isFalse();
    }

    @Test
    void aReplyBoundToAnotherInitiationDoesNotOpen() {
        byte[] mine = initiation(1);
        holder.writeMac2(mine, 0);
        byte[] someoneElses = initiation(9);
        assertThat(holder.onReply(jar.reply(someoneElses, client, 0, 0), 0)).isFalse();
        byte[] tampered = jar.reply(mine, client, 0, 0);
        tampered[HandshakePackets.COOKIE_SEALED_OFFSET] ^= 1;
        assertThat(holder.onReply(tampered, 0)).isFalse();
    }

    @Test
    void cookiesExpireWithTheServersSecret() {
        byte[] first = initiation(1);
        holder.writeMac2(first, 0);
        holder.onReply(jar.reply(first, client, 0, 0), 0);
        long later = CookieJar.SECRET_LIFETIME_NANOS + 1;
        byte[] second = initiation(2);
        holder.writeMac2(second, later);
        assertThat(jar.hasValidMac2(second, client, later)).isFalse();
    }

    @Test
    void mac1NeedsTheReceiversPublicKey() {
        byte[] packet = initiation(1);
        HandshakeMacs otherServer = new HandshakeMacs(X25519KeyPair.generate().publicKey().bytes());
        assertThat(HandshakeMacs.matches(packet, HandshakePackets.INITIATION_MAC1_OFFSET,
                serverMacs.mac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET))).isTrue();
        assertThat(HandshakeMacs.matches(packet, HandshakePackets.INITIATION_MAC1_OFFSET,
                otherServer.mac1(packet, HandshakePackets.INITIATION_MAC1_OFFSET))).isFalse();
    }
}
