package dev.chainlightning.crypto;

/** The AEAD nonce of a packet: four zero bytes, then its 64-bit counter, big-endian. */
final class Nonces {
    private Nonces() {
    }

    static void fill(byte[] nonce, long counter) {
        nonce[0] = 0;
        nonce[1] = 0;
        nonce[2] = 0;
        nonce[3] = 0;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (counter >>> (56 - 8 * i));
        }
    }
}
