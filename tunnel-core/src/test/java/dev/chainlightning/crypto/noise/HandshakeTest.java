package dev.chainlightning.crypto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chainlightning.crypto.noise.HandshakeException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** IKpsk2 between our own initiator and responder: what must work and every way it must fail. */
class HandshakeTest {
    private static final byte[] PAYLOAD1 = "timestamp+idx".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD2 = "idx2".getBytes(StandardCharsets.US_ASCII);

    private final X25519KeyPair client = X25519KeyPair.generate();
    private final X25519KeyPair server = X25519KeyPair.generate();
    private final byte[] psk = randomPsk();

    private static byte[] randomPsk() {
        byte[] psk = new byte[32];
        new SecureRandom().nextBytes(psk);
        return psk;
    }

    private HandshakeInitiator initiator() {
        return new HandshakeInitiator(client, server.publicKey(), psk);
    }

    private static Reason reasonOf(ThrowingRunnable action) {
        HandshakeException e = catchThrowableOfType(HandshakeException.class, action::run);
        assertThat(e).as("expected a HandshakeException").isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        return e.reason();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static byte[] flipped(byte[] message, int index, int mask) {
        byte[] copy = message.clone();
        copy[index] ^= (byte) mask;
        return copy;
    }

    @Test
    void bothSidesAgreeOnKeysPayloadsAndPeer() throws Exception {
        HandshakeInitiator initiator = initiator();
        HandshakeResponder responder = new HandshakeResponder(server);

        byte[] message1 = initiator.writeMessage1(PAYLOAD1);
        assertThat(message1).hasSize(32 + 48 + PAYLOAD1.length + 16);
        assertThat(responder.readMessage1(message1)).isEqualTo(PAYLOAD1);
        assertThat(responder.remoteStatic()).isEqualTo(client.publicKey());

        byte[] message2 = responder.writeMessage2(PAYLOAD2, psk);
        assertThat(message2).hasSize(32 + PAYLOAD2.length + 16);
        assertThat(initiator.readMessage2(message2)).isEqualTo(PAYLOAD2);

        TransportKeys mine = initiator.transportKeys();
        TransportKeys theirs = responder.transportKeys();
        assertThat(mine.initiatorToResponder()).hasSize(32).isEqualTo(theirs.initiatorToResponder());
        assertThat(mine.responderToInitiator()).hasSize(32).isEqualTo(theirs.responderToInitiator());
        assertThat(mine.initiatorToResponder()).isNotEqualTo(mine.responderToInitiator());
        assertThat(mine.handshakeHash()).isEqualTo(theirs.handshakeHash());
        assertThat(mine.sendKey(true)).isEqualTo(theirs.receiveKey(false));
        assertThat(mine.receiveKey(true)).isEqualTo(theirs.sendKey(false));
    }

    @Test
    void withoutAPskTheZeroPskWorksAndEmptyPayloadsToo() throws Exception {
        HandshakeInitiator initiator = new HandshakeInitiator(client, server.publicKey(), IKpsk2.noPsk());
        HandshakeResponder responder = new HandshakeResponder(server);
        byte[] message1 = initiator.writeMessage1(new byte[0]);
        assertThat(message1).hasSize(IKpsk2.MESSAGE1_OVERHEAD);
        assertThat(responder.readMessage1(message1)).isEmpty();
        byte[] message2 = responder.writeMessage2(new byte[0], IKpsk2.noPsk());
        assertThat(message2).hasSize(IKpsk2.MESSAGE2_OVERHEAD);
        assertThat(initiator.readMessage2(message2)).isEmpty();
        assertThat(initiator.transportKeys().initiatorToResponder()).isEqualTo(responder.transportKeys().initiatorToResponder());
    }

    @Test
    void twoHandshakesOfTheSamePeersGiveDifferentKeys() throws Exception {
        byte[][] keys = new byte[2][];
        for (int i = 0; i < 2; i++) {
            HandshakeInitiator initiator = initiator();
            HandshakeResponder responder = new HandshakeResponder(server);
            responder.readMessage1(initiator.writeMessage1(PAYLOAD1));
            initiator.readMessage2(responder.writeMessage2(PAYLOAD2, psk));
            keys[i] = initiator.transportKeys().initiatorToResponder();
        }
        assertThat(keys[0]).isNotEqualTo(keys[1]);
    }

    @Test
    void aMessageForAnotherResponderKeyFails() throws Exception {
        X25519KeyPair otherServer = X25519KeyPair.generate();
        byte[] message1 = new HandshakeInitiator(client, otherServer.publicKey(), psk).writeMessage1(PAYLOAD1);
        assertThat(reasonOf(() -> new HandshakeResponder(server).readMessage1(message1)))
                .isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void everyTamperedByteOfMessage1Fails() throws Exception {
        byte[] message1 = initiator().writeMessage1(PAYLOAD1);
        HandshakeResponder responder = new HandshakeResponder(server);
        for (int i = 0; i < message1.length; i++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] bad = flipped(message1, i, mask);
                // Mostly a bad tag; a flipped ephemeral key may also land on a low-order point.
                assertThat(reasonOf(() -> responder.readMessage1(bad)))
                        .as("byte %d mask %x", i, mask)
                        .isIn(Reason.AUTHENTICATION_FAILED, Reason.LOW_ORDER_POINT);
            }
        }
        assertThat(responder.readMessage1(message1)).isEqualTo(PAYLOAD1); // all those failures changed nothing
    }

    @Test
    void everyTamperedByteOfMessage2Fails() throws Exception {
        HandshakeInitiator initiator = initiator();
        HandshakeResponder responder = new HandshakeResponder(server);
        responder.readMessage1(initiator.writeMessage1(PAYLOAD1));
        byte[] message2 = responder.writeMessage2(PAYLOAD2, psk);
        for (int i = 0; i < message2.length; i++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] bad = flipped(message2, i, mask);
                assertThat(reasonOf(() -> initiator.readMessage2(bad)))
                        .as("byte %d mask %x", i, mask)
                        .isIn(Reason.AUTHENTICATION_FAILED, Reason.LOW_ORDER_POINT);
            }
        }
        assertThat(initiator.readMessage2(message2)).isEqualTo(PAYLOAD2);
        assertThat(initiator.transportKeys().initiatorToResponder()).isEqualTo(responder.transportKeys().initiatorToResponder());
    }

    @Test
    void aWrongPskFailsMessage2() throws Exception {
        HandshakeInitiator initiator = initiator();
        HandshakeResponder responder = new HandshakeResponder(server);
        responder.readMessage1(initiator.writeMessage1(PAYLOAD1));
        byte[] message2 = responder.writeMessage2(PAYLOAD2, randomPsk());
        assertThat(reasonOf(() -> initiator.readMessage2(message2))).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void noPskOnOneSideOnlyFailsMessage2() throws Exception {
        HandshakeInitiator initiator = new HandshakeInitiator(client, server.publicKey(), IKpsk2.noPsk());
        HandshakeResponder responder = new HandshakeResponder(server);
        responder.readMessage1(initiator.writeMessage1(PAYLOAD1));
        byte[] message2 = responder.writeMessage2(PAYLOAD2, psk);
        assertThat(reasonOf(() -> initiator.readMessage2(message2))).isEqualTo(Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void truncatedOrOverlongMessagesFail() throws Exception {
        HandshakeInitiator initiator = initiator();
        HandshakeResponder responder = new HandshakeResponder(server);
        byte[] message1 = initiator.writeMessage1(PAYLOAD1);
        for (int length : new int[] {0, 1, 32, 80, 95}) {
            assertThat(reasonOf(() -> responder.readMessage1(Arrays.copyOf(message1, length))))
                    .as("length %d", length).isEqualTo(Reason.BAD_LENGTH);
        }
        for (int length : new int[] {96, message1.length - 1}) {
            assertThat(reasonOf(() -> responder.readMessage1(Arrays.copyOf(message1, length))))
                    .as("length %d", length).isEqualTo(Reason.AUTHENTICATION_FAILED);
        }
        assertThat(reasonOf(() -> responder.readMessage1(Arrays.copyOf(message1, message1.length + 1))))
                .isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(reasonOf(() -> responder.readMessage1(new byte[65536]))).isEqualTo(Reason.BAD_LENGTH);

        responder.readMessage1(message1);
        byte[] message2 = responder.writeMessage2(PAYLOAD2, psk);
        for (int length : new int[] {0, 32, 47}) {
            assertThat(reasonOf(() -> initiator.readMessage2(Arrays.copyOf(message2, length))))
                    .as("length %d", length).isEqualTo(Reason.BAD_LENGTH);
        }
        assertThat(reasonOf(() -> initiator.readMessage2(Arrays.copyOf(message2, message2.length - 1))))
                .isEqualTo(Reason.AUTHENTICATION_FAILED);
        assertThat(initiator.readMessage2(message2)).isEqualTo(PAYLOAD2);
    }

    @Test
    void lowOrderEphemeralKeysAreRefused() throws Exception {
        HandshakeInitiator initiator = initiator();
        HandshakeResponder responder = new HandshakeResponder(server);
        byte[] message1 = initiator.writeMessage1(PAYLOAD1);
        byte[] zeroEphemeral1 = message1.clone();
        Arrays.fill(zeroEphemeral1, 0, 32, (byte) 0);
        assertThat(reasonOf(() -> responder.readMessage1(zeroEphemeral1))).isEqualTo(Reason.LOW_ORDER_POINT);

        responder.readMessage1(message1);
        byte[] message2 = responder.writeMessage2(PAYLOAD2, psk);
        byte[] zeroEphemeral2 = message2.clone();
        Arrays.fill(zeroEphemeral2, 0, 32, (byte) 0);
        assertThat(reasonOf(() -> initiator.readMessage2(zeroEphemeral2))).isEqualTo(Reason.LOW_ORDER_POINT);
        assertThat(initiator.readMessage2(message2)).isEqualTo(PAYLOAD2);
    }

    @Test
    void aLowOrderResponderKeyIsRefusedBeforeAnythingIsSent() {
        X25519PublicKey zero = X25519PublicKey.of(new byte[32]);
        HandshakeInitiator initiator = new HandshakeInitiator(client, zero, psk);
        assertThat(reasonOf(() -> initiator.writeMessage1(PAYLOAD1))).isEqualTo(Reason.LOW_ORDER_POINT);
    }

    @Test
    void aFailedReadLeavesTheResponderAsItWas() throws Exception {
        HandshakeResponder responder = new HandshakeResponder(server);
        byte[] forged = new HandshakeInitiator(client, X25519KeyPair.generate().publicKey(), psk).writeMessage1(PAYLOAD1);
        reasonOf(() -> responder.readMessage1(forged));
        assertThatThrownBy(responder::remoteStatic).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> responder.writeMessage2(PAYLOAD2, psk)).isInstanceOf(IllegalStateException.class);

        HandshakeInitiator initiator = initiator();
        assertThat(responder.readMessage1(initiator.writeMessage1(PAYLOAD1))).isEqualTo(PAYLOAD1);
        initiator.readMessage2(responder.writeMessage2(PAYLOAD2, psk));
        assertThat(initiator.transportKeys().responderToInitiator()).isEqualTo(responder.transportKeys().responderToInitiator());
    }

    @Test
    void callsOutOfOrderAreProgrammingErrors() throws Exception {
        HandshakeInitiator initiator = initiator();
        assertThatThrownBy(initiator::transportKeys).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> initiator.readMessage2(new byte[48])).isInstanceOf(IllegalStateException.class);
        initiator.writeMessage1(PAYLOAD1);
        assertThatThrownBy(() -> initiator.writeMessage1(PAYLOAD1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new HandshakeInitiator(client, server.publicKey(), new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
