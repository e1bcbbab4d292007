package dev.chainlightning.crypto.noise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our handshake against vectors written by an independent Python reference
 * (src/test/resources/noise/make_vectors.py, built on OpenSSL through `cryptography`): with the
 * same static keys, ephemeral keys, PSK and payloads, both messages and both transport keys must
 * be byte for byte the same.
 */
class IKpsk2VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> vectors() throws Exception {
        try (InputStream in = IKpsk2VectorsTest.class.getResourceAsStream("/noise/ikpsk2-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.get("vectors").spliterator(), false)
                    .map(v -> Arguments.of(v.get("name").asText(), v)).toList().stream();
        }
    }

    private static byte[] bytes(JsonNode v, String field) {
        return HEX.parseHex(v.get(field).asText());
    }

    private static X25519KeyPair pair(JsonNode v, String field) {
        return X25519KeyPair.fromPrivate(bytes(v, field));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesTheReference(String name, JsonNode v) throws Exception {
        assertThat(v.get("protocol_name").asText()).isEqualTo(IKpsk2.PROTOCOL_NAME);
        assertThat(new String(bytes(v, "prologue"), StandardCharsets.US_ASCII)).isEqualTo(IKpsk2.PROLOGUE);
        X25519KeyPair initiatorStatic = pair(v, "initiator_static_private");
        X25519KeyPair responderStatic = pair(v, "responder_static_private");
        assertThat(initiatorStatic.publicKey().bytes()).isEqualTo(bytes(v, "initiator_static_public"));
        assertThat(responderStatic.publicKey().bytes()).isEqualTo(bytes(v, "responder_static_public"));
        X25519KeyPair initiatorEphemeral = pair(v, "initiator_ephemeral_private");
        X25519KeyPair responderEphemeral = pair(v, "responder_ephemeral_private");

        var initiator = new HandshakeInitiator(initiatorStatic, responderStatic.publicKey(), bytes(v, "psk"),
                () -> initiatorEphemeral, IKpsk2.prologue());
        var responder = new HandshakeResponder(responderStatic, () -> responderEphemeral, IKpsk2.prologue());

        byte[] message1 = initiator.writeMessage1(bytes(v, "payload1"));
        assertThat(HEX.formatHex(message1)).isEqualTo(v.get("message1").asText());
        assertThat(responder.readMessage1(message1)).isEqualTo(bytes(v, "payload1"));
        assertThat(responder.remoteStatic()).isEqualTo(initiatorStatic.publicKey());

        byte[] message2 = responder.writeMessage2(bytes(v, "payload2"), bytes(v, "psk"));
        assertThat(HEX.formatHex(message2)).isEqualTo(v.get("message2").asText());
        assertThat(initiator.readMessage2(message2)).isEqualTo(bytes(v, "payload2"));

        for (TransportKeys keys : new TransportKeys[] {initiator.transportKeys(), responder.transportKeys()}) {
            assertThat(HEX.formatHex(keys.initiatorToResponder())).isEqualTo(v.get("initiator_to_responder").asText());
            assertThat(HEX.formatHex(keys.responderToInitiator())).isEqualTo(v.get("responder_to_initiator").asText());
            assertThat(HEX.formatHex(keys.handshakeHash())).isEqualTo(v.get("handshake_hash").asText());
        }
    }
}
