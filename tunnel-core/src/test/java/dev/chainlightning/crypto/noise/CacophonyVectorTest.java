package dev.chainlightning.crypto.noise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published cacophony vector for Noise_IKpsk2_25519_ChaChaPoly_SHA256: a third implementation
 * besides ours and make_vectors.py. It uses its own prologue, hence the package-private
 * constructors; messages 3 to 6 are sealed with Split()'s keys, which checks the transport keys.
 */
class CacophonyVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode vector;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = CacophonyVectorTest.class.getResourceAsStream("/noise/cacophony-ikpsk2.json")) {
            vector = new ObjectMapper().readTree(in);
        }
    }

    private static byte[] field(String name) {
        return HEX.parseHex(vector.get(name).asText());
    }

    private static byte[] message(int index, String part) {
        return HEX.parseHex(vector.get("messages").get(index).get(part).asText());
    }

    @Test
    void handshakeAndTransportMessagesMatch() throws Exception {
        assertThat(vector.get("name").asText()).isEqualTo(IKpsk2.PROTOCOL_NAME);
        X25519KeyPair initiatorStatic = X25519KeyPair.fromPrivate(field("init_static"));
        X25519KeyPair initiatorEphemeral = X25519KeyPair.fromPrivate(field("init_ephemeral"));
        X25519KeyPair responderStatic = X25519KeyPair.fromPrivate(field("resp_static"));
        X25519KeyPair responderEphemeral = X25519KeyPair.fromPrivate(field("resp_ephemeral"));
        assertThat(responderStatic.publicKey().bytes()).isEqualTo(field("init_remote_static"));

        var initiator = new HandshakeInitiator(initiatorStatic, responderStatic.publicKey(), field("init_psk"),
                () -> initiatorEphemeral, field("init_prologue"));
        var responder = new HandshakeResponder(responderStatic, () -> responderEphemeral, field("resp_prologue"));

        byte[] message1 = initiator.writeMessage1(message(0, "payload"));
        assertThat(HEX.formatHex(message1)).isEqualTo(HEX.formatHex(message(0, "ciphertext")));
        assertThat(responder.readMessage1(message1)).isEqualTo(message(0, "payload"));
        byte[] message2 = responder.writeMessage2(message(1, "payload"), field("resp_psk"));
        assertThat(HEX.formatHex(message2)).isEqualTo(HEX.formatHex(message(1, "ciphertext")));
        assertThat(initiator.readMessage2(message2)).isEqualTo(message(1, "payload"));

        TransportKeys keys = initiator.transportKeys();
        CipherState initiatorToResponder = new CipherState();
        initiatorToResponder.initializeKey(keys.initiatorToResponder());
        CipherState responderToInitiator = new CipherState();
        responderToInitiator.initializeKey(keys.responderToInitiator());
        for (int i = 2; i < 6; i++) {
            CipherState sender = i % 2 == 0 ? initiatorToResponder : responderToInitiator;
            assertThat(HEX.formatHex(sender.encryptWithAd(new byte[0], message(i, "payload"))))
                    .as("transport message %d", i + 1)
                    .isEqualTo(HEX.formatHex(message(i, "ciphertext")));
        }
    }
}
