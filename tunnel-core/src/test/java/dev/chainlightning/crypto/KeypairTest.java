package dev.chainlightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.crypto.Keypair.OpenResult;
import dev.chainlightning.wire.PacketHeader;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Data keys of one handshake, as the two ends hold them: what opens, and what is refused. */
class KeypairTest {
    private final byte[] clientToServer = key(1);
    private final byte[] serverToClient = key(2);
    private final Keypair client = new Keypair(0x0c11e47, 0x5e4e4, clientToServer, serverToClient, true, 0);
    private final Keypair server = new Keypair(0x5e4e4, 0x0c11e47, serverToClient, clientToServer, false, 0);
    private final PacketSealer clientSealer = client.newSealer(CipherSuite.AES_256_GCM);
    private final ByteBuffer body = ByteBuffer.allocate(256);

    private static byte[] key(int seed) {
        byte[] key = new byte[CipherSuite.KEY_LENGTH];
        new Random(seed).nextBytes(key);
        return key;
    }

    private ByteBuffer sealed(String text) {
        ByteBuffer out = ByteBuffer.allocate(256);
        clientSealer.seal(PacketType.DATA, 0, ByteBuffer.wrap(text.getBytes()), out);
        return out;
    }

    @Test
    void packetsNameTheReceiversIndexAndCountFromZero() {
        ByteBuffer first = sealed("a");
        ByteBuffer second = sealed("b");
        assertThat(PacketHeader.session(first, 0)).isEqualTo(server.localIndex());
        assertThat(PacketHeader.counter(first, 0)).isZero();
        assertThat(PacketHeader.counter(second, 0)).isEqualTo(1);
        assertThat(server.open(first, body)).isEqualTo(OpenResult.OK);
    }

    @Test
    void aReplayIsRefusedWhicheverLinkItComesBackOn() {
        ByteBuffer packet = sealed("once");
        ByteBuffer copy = ByteBuffer.allocate(packet.limit()).put(packet.duplicate()).flip();
        assertThat(server.open(packet, body)).isEqualTo(OpenResult.OK);
        // The link byte is authenticated, so a copy "on another link" is the same bytes with the
        // same counter: the window refuses it whatever socket it arrived on.
        assertThat(server.open(copy, body)).isEqualTo(OpenResult.REPLAYED);
    }

    @Test
    void packetsReorderedAcrossLinksAreAllAcceptedOnce() {
        List<ByteBuffer> packets = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            packets.add(sealed("p" + i));
        }
        Collections.shuffle(packets, new Random(7));
        for (ByteBuffer p : packets) {
            assertThat(server.open(p.duplicate(), body)).isEqualTo(OpenResult.OK);
        }
        for (ByteBuffer p : packets.subList(0, 100)) {
            assertThat(server.open(p.duplicate(), body)).isEqualTo(OpenResult.REPLAYED);
        }
    }

    @Test
    void aTamperedOrTruncatedPacketIsForgedAndDoesNotMoveTheWindow() {
        ByteBuffer packet = sealed("genuine");
        ByteBuffer tampered = ByteBuffer.allocate(packet.limit()).put(packet.duplicate()).flip();
        tampered.put(PacketHeader.COUNTER_OFFSET + 7, (byte) 99); // a forged counter far ahead
        assertThat(server.open(tampered, body)).isEqualTo(OpenResult.FORGED);
        ByteBuffer truncated = packet.duplicate().limit(packet.limit() - 1);
        assertThat(server.open(truncated, body)).isEqualTo(OpenResult.FORGED);
        assertThat(server.open(packet, body)).as("the genuine packet still opens").isEqualTo(OpenResult.OK);
    }

    @Test
    void theOtherDirectionsKeyOpensNothing() {
        assertThat(client.open(sealed("to the server"), body)).isEqualTo(OpenResult.FORGED);
    }
}
