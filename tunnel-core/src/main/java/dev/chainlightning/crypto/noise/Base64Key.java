package dev.chainlightning.crypto.noise;

import java.util.Base64;

/** Decodes a 32-byte key from base64 text, with one error message per way it can be wrong. */
final class Base64Key {
    private Base64Key() {
    }

    static byte[] decode(String text, String what) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64 (" + e.getMessage() + ")");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(what + " decodes to " + raw.length + " bytes, a key has 32"
                    + " (44 base64 characters)");
        }
        return raw;
    }
}
