package dev.chainlightning.operator.resources;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Secret values are stored base64-encoded; the builders write data (not stringData) so matching compares like with like. */
public final class SecretData {
    private SecretData() {
    }

    public static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
