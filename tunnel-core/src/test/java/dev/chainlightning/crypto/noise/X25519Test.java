package dev.chainlightning.crypto.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class X25519Test {
    private static final HexFormat HEX = HexFormat.of();
    // RFC 7748 section 6.1.
    private static final String ALICE_PRIVATE = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String ALICE_PUBLIC = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static final String BOB_PRIVATE = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private static final String BOB_PUBLIC = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    private static X25519KeyPair pair(String hex) {
        return X25519KeyPair.fromPrivate(HEX.parseHex(hex));
    }

    @Test
    void rfc7748PublicKeysAndSharedSecret() throws Exception {
        X25519KeyPair alice = pair(ALICE_PRIVATE);
        X25519KeyPair bob = pair(BOB_PRIVATE);
        assertThat(HEX.formatHex(alice.publicKey().bytes())).isEqualTo(ALICE_PUBLIC);
        assertThat(HEX.formatHex(bob.publicKey().bytes())).isEqualTo(BOB_PUBLIC);
        assertThat(HEX.formatHex(alice.dh(bob.publicKey()))).isEqualTo(SHARED);
        assertThat(HEX.formatHex(bob.dh(alice.publicKey()))).isEqualTo(SHARED);
    }

    @Test
    void theTopBitOfAPublicKeyIsIgnoredAsTheRfcSays() throws Exception {
        byte[] bob = HEX.parseHex(BOB_PUBLIC);
        bob[31] |= (byte) 0x80;
        assertThat(HEX.formatHex(pair(ALICE_PRIVATE).dh(X25519PublicKey.of(bob)))).isEqualTo(SHARED);
    }

    @Test
    void lowOrderPointsAreRefused() {
        X25519KeyPair alice = pair(ALICE_PRIVATE);
        // 0, 1 and a point of order 8 (from the list of Curve25519's low-order points).
        for (String point : new String[] {
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"}) {
            assertThatThrownBy(() -> alice.dh(X25519PublicKey.of(HEX.parseHex(point))))
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining("low-order")
                    .extracting(e -> ((HandshakeException) e).reason())
                    .isEqualTo(HandshakeException.Reason.LOW_ORDER_POINT);
        }
    }

    @Test
    void nonCanonicalPublicKeysAreReducedModPNotACrash() throws Exception {
        // u = p + 9 is the base point written non-canonically: DH with it gives the public key.
        byte[] pPlus9 = HEX.parseHex("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        X25519KeyPair alice = pair(ALICE_PRIVATE);
        assertThat(HEX.formatHex(alice.dh(X25519PublicKey.of(pPlus9)))).isEqualTo(ALICE_PUBLIC);
        // u = p and u = p + 1 are 0 and 1: low order.
        for (String point : new String[] {
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}) {
            assertThatThrownBy(() -> alice.dh(X25519PublicKey.of(HEX.parseHex(point))))
                    .isInstanceOf(HandshakeException.class);
        }
    }

    @Test
    void generatedKeysAreClampedAndDistinct() throws Exception {
        X25519KeyPair a = X25519KeyPair.generate();
        X25519KeyPair b = X25519KeyPair.generate();
        byte[] k = Base64.getDecoder().decode(a.privateKeyBase64());
        assertThat(k[0] & 7).isZero();
        assertThat(k[31] & 0xc0).isEqualTo(0x40);
        assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
        assertThat(a.dh(b.publicKey())).isEqualTo(b.dh(a.publicKey()));
    }

    @Test
    void base64RoundTripsAsWgWritesKeys() {
        X25519KeyPair a = X25519KeyPair.generate();
        assertThat(a.privateKeyBase64()).hasSize(44).endsWith("=");
        assertThat(X25519KeyPair.parsePrivate(a.privateKeyBase64() + "\n").publicKey()).isEqualTo(a.publicKey());
        assertThat(X25519PublicKey.parse(" " + a.publicKey().toBase64() + "\n")).isEqualTo(a.publicKey());
        assertThat(a.toString()).doesNotContain(a.privateKeyBase64());
    }

    @Test
    void badPublicKeyTextSaysWhatIsWrong() {
        assertThatThrownBy(() -> X25519PublicKey.parse(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("public key is empty");
        assertThatThrownBy(() -> X25519PublicKey.parse("not*base64"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> X25519PublicKey.parse(Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decodes to 31 bytes");
    }
}
