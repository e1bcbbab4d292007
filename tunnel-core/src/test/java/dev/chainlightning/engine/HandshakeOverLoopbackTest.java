package dev.chainlightning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.crypto.Keypair;
import dev.chainlightning.crypto.noise.IKpsk2;
import dev.chainlightning.crypto.noise.TransportKeys;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.link.Link;
import dev.chainlightning.reorder.DeliveryAlignment;
import dev.chainlightning.reorder.ReorderBuffer;
import dev.chainlightning.wire.HandshakePackets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's and the server's handshake code against each other over real UDP sockets on
 * loopback (two client links, one server socket), with the engine's threads replaced by direct
 * calls so each step can be checked: who answers what, and what hostile variations are refused.
 */
class HandshakeOverLoopbackTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1000 * MS;

    private final X25519KeyPair serverKeys = X25519KeyPair.generate();
    private final X25519KeyPair clientKeys = X25519KeyPair.generate();
    private final byte[] psk = new byte[IKpsk2.PSK_LENGTH];
    private final DatagramChannel serverSocket;
    private final List<DatagramChannel> clientSockets = new ArrayList<>();
    private final Session clientSession = session(0x5eed);
    private final ClientHandshake client;
    private final List<Integer> acceptedRuns = new ArrayList<>();
    private final HandshakeWorker worker = new HandshakeWorker("test-handshake");
    private final TunnelCounters counters = new TunnelCounters();
    private Session serverSession;
    private ServerHandshake server;

    HandshakeOverLoopbackTest() throws IOException {
        java.util.Arrays.fill(psk, (byte) 7);
        serverSocket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            socket.connect(serverSocket.getLocalAddress());
            clientSockets.add(socket);
            Link link = new Link(i, "link" + i, 0, socket, (InetSocketAddress) serverSocket.getLocalAddress(), true, 100 * MS);
            links.add(link);
            clientSession.striper().register(link);
        }
        client = new ClientHandshake(new Credentials(clientKeys, serverKeys.publicKey(), psk), clientSession, links, worker, counters);
        server = serverHandshake(new Credentials(serverKeys, clientKeys.publicKey(), psk));
        serverSocket.configureBlocking(true);
    }

    private ServerHandshake serverHandshake(Credentials credentials) {
        return new ServerHandshake(credentials, new ServerHandshake.Acceptor() {
            @Override
            public Link accept(int runId, int ownIndex, int clientIndex, TransportKeys keys, int linkId, DatagramChannel via,
                               InetSocketAddress from, long nowNanos) {
                acceptedRuns.add(runId);
                serverSession = session(runId);
                serverSession.keys().installAsResponder(new Keypair(ownIndex, clientIndex, keys.sendKey(false), keys.receiveKey(false),
                        false, nowNanos));
                return new Link(linkId, "server-link" + linkId, 0, via, from, false, 100 * MS);
            }

            @Override
            public int freshIndex() {
                return 0x5e4e4;
            }

            @Override
            public boolean isLinkAddress(InetSocketAddress address) {
                return false;
            }
        }, worker, counters, null);
    }

    private static Session session(int id) {
        return new Session(id, new KeyRing(120 * S, 180 * S), new ReorderBuffer(64, 1500, 100 * MS, 0, 0, packet -> { }),
                new DeliveryAlignment(100 * MS), null, new SentPackets(64, 1500));
    }

    @AfterEach
    void close() throws IOException {
        worker.close();
        serverSocket.close();
        for (DatagramChannel socket : clientSockets) {
            socket.close();
        }
    }

    /** The next datagram the server socket received, with its source. */
    private record Received(byte[] bytes, InetSocketAddress from) {
    }

    /**
     * What the server made of an initiation: the drop reason of the receive thread's checks, else
     * the one its worker counted, else null (taken). The receive thread's part of the completion
     * runs here too, as the receive thread would on its next turn.
     */
    private DropReason serverTakes(Received initiation, ServerHandshake handshake, long nowNanos) throws InterruptedException {
        long[] before = new long[DropReason.values().length];
        for (DropReason reason : DropReason.values()) {
            before[reason.ordinal()] = counters.drops(reason);
        }
        DropReason now = handshake.onInitiation(initiation.bytes(), serverSocket, initiation.from(), nowNanos);
        worker.awaitIdleAndComplete();
        if (now != null) {
            return now;
        }
        for (DropReason reason : DropReason.values()) {
            if (counters.drops(reason) > before[reason.ordinal()]) {
                return reason;
            }
        }
        return null;
    }

    private DropReason clientTakes(byte[] response, int link, long nowNanos) throws InterruptedException {
        long before = counters.totalDrops();
        DropReason now = client.onResponse(response, clientSession.striper().link(link), nowNanos);
        worker.awaitIdleAndComplete();
        return now != null || counters.totalDrops() == before ? now : DropReason.BAD_HANDSHAKE;
    }

    private Received serverReceives() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        InetSocketAddress from = (InetSocketAddress) serverSocket.receive(buffer);
        return new Received(Arrays.copyOf(buffer.array(), buffer.position()), from);
    }

    private byte[] clientReceives(int link) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        clientSockets.get(link).receive(buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private byte[] lastReceived(int link) throws IOException {
        DatagramChannel socket = clientSockets.get(link);
        socket.configureBlocking(false);
        byte[] last = null;
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (socket.receive(buffer.clear()) != null) {
            last = Arrays.copyOf(buffer.array(), buffer.position());
        }
        socket.configureBlocking(true);
        return last;
    }

    @Test
    void oneInitiationPerLinkAndTheFirstAnswerGivesBothEndsTheSameKeys() throws Exception {
        client.tick(0);
        Received first = serverReceives();
        Received second = serverReceives();
        assertThat(first.bytes()).hasSize(HandshakePackets.INITIATION_LENGTH);
        assertThat(serverTakes(first, server, 0)).isNull();
        assertThat(acceptedRuns).containsExactly(0x5eed);
        // The copy on the other link is answered too, with the same keys, and changes nothing.
        assertThat(serverTakes(second, server, 0)).isNull();
        assertThat(acceptedRuns).hasSize(1);

        int firstLink = first.bytes()[HandshakePackets.LINK_OFFSET];
        byte[] response = clientReceives(firstLink);
        byte[] copy = clientReceives(1 - firstLink);
        assertThat(response).hasSize(HandshakePackets.RESPONSE_LENGTH);
        assertThat(clientTakes(response, firstLink, MS)).isNull();
        assertThat(clientTakes(copy, 1 - firstLink, MS)).as("the copy is expected").isNull();

        Keypair clientSide = clientSession.keys().sending(MS);
        Keypair serverSide = serverSession.keys().forIndex(0x5e4e4, MS);
        assertThat(clientSide.remoteIndex()).isEqualTo(0x5e4e4);
        assertThat(serverSide.remoteIndex()).isEqualTo(clientSide.localIndex());
        // What the client seals, the server opens: the two ends agree on the keys.
        ByteBuffer packet = ByteBuffer.allocate(256);
        clientSide.newSealer(dev.chainlightning.crypto.CipherSuite.CHACHA20_POLY1305)
                .seal(dev.chainlightning.wire.PacketType.DATA, 0, ByteBuffer.wrap(new byte[40]), packet);
        assertThat(serverSide.open(packet, ByteBuffer.allocate(256))).isEqualTo(Keypair.OpenResult.OK);
    }

    @Test
    void aRecordedInitiationPlayedBackLaterIsRefused() throws Exception {
        client.tick(0);
        Received recorded = serverReceives();
        serverReceives();
        assertThat(serverTakes(recorded, server, 0)).isNull();
        client.tick(ClientHandshake.RETRY_NANOS); // unanswered (we never read the response): tried again, newer
        Received newer = serverReceives();
        serverReceives();
        assertThat(serverTakes(newer, server, ClientHandshake.RETRY_NANOS)).isNull();
        assertThat(serverTakes(recorded, server, 2 * S)).isEqualTo(DropReason.REPLAY);
        assertThat(acceptedRuns).hasSize(2);
    }

    @Test
    void anInitiationFromAnotherKeyOrWithAWrongMacOrTamperedIsRefused() throws Exception {
        ServerHandshake strangerServer = serverHandshake(new Credentials(serverKeys, X25519KeyPair.generate().publicKey(), psk));
        client.tick(0);
        Received initiation = serverReceives();
        assertThat(serverTakes(initiation, strangerServer, 0)).isEqualTo(DropReason.UNKNOWN_PEER);

        byte[] badMac = initiation.bytes().clone();
        badMac[HandshakePackets.INITIATION_MAC1_OFFSET] ^= 1;
        assertThat(serverTakes(new Received(badMac, initiation.from()), server, 0)).isEqualTo(DropReason.BAD_MAC);

        byte[] tampered = initiation.bytes().clone();
        tampered[HandshakePackets.INITIATION_NOISE_OFFSET + 40] ^= 1; // inside the encrypted static key
        // mac1 covers it too: recompute it, as an attacker who knows the server's public key could.
        System.arraycopy(new dev.chainlightning.handshake.HandshakeMacs(serverKeys.publicKey().bytes())
                .mac1(tampered, HandshakePackets.INITIATION_MAC1_OFFSET), 0, tampered, HandshakePackets.INITIATION_MAC1_OFFSET, 16);
        assertThat(serverTakes(new Received(tampered, initiation.from()), server, 0)).isEqualTo(DropReason.BAD_HANDSHAKE);
        assertThat(acceptedRuns).isEmpty();
    }

    @Test
    void underAFloodOnlyClientsThatReadTheirCookieGetAHandshake() throws Exception {
        // Drive the server into load with initiations that pass mac1 but are not fresh.
        client.tick(0);
        Received genuine = serverReceives();
        serverReceives();
        long now = 0;
        for (int i = 0; i < 25; i++) {
            byte[] junk = genuine.bytes().clone();
            junk[HandshakePackets.INITIATION_NOISE_OFFSET] ^= (byte) (i + 1); // another ephemeral: fails Noise
            System.arraycopy(new dev.chainlightning.handshake.HandshakeMacs(serverKeys.publicKey().bytes())
                    .mac1(junk, HandshakePackets.INITIATION_MAC1_OFFSET), 0, junk, HandshakePackets.INITIATION_MAC1_OFFSET, 16);
            server.onInitiation(junk, serverSocket, genuine.from(), now);
        }
        worker.awaitIdleAndComplete();
        assertThat(serverTakes(genuine, server, now)).isEqualTo(DropReason.BUSY);
        int link = genuine.bytes()[HandshakePackets.LINK_OFFSET];
        // The junk that arrived under load got cookie replies too (bound to the junk's mac1); ours is the last.
        byte[] cookieReply = lastReceived(link);
        assertThat(cookieReply).hasSize(HandshakePackets.COOKIE_REPLY_LENGTH);
        assertThat(client.onCookieReply(cookieReply, clientSession.striper().link(link), now)).isNull();

        client.tick(now + 1); // asks again at once, now with mac2 on that link
        Received withCookie = serverReceives();
        Received other = serverReceives();
        Received retry = withCookie.bytes()[HandshakePackets.LINK_OFFSET] == link ? withCookie : other;
        Received noCookie = retry == withCookie ? other : withCookie;
        assertThat(serverTakes(noCookie, server, now + 2)).isEqualTo(DropReason.BUSY);
        assertThat(serverTakes(retry, server, now + 2)).isNull();
        assertThat(acceptedRuns).hasSize(1);
    }
}
