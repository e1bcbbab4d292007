package dev.chainlightning.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret both peers share, read from {@code [security] psk_file}. The file holds at least 16
 * bytes of secret text (surrounding whitespace ignored); {@link #generate()} makes a good one.
 * A file that others can read is accepted with a warning, as ssh and wg do for their keys.
 */
public final class PresharedKey {
    public static final int MIN_LENGTH = 16;

    private final byte[] secret;
    private final String warning;

    private PresharedKey(byte[] secret, String warning) {
        this.secret = secret;
        this.warning = warning;
    }

    public static PresharedKey load(Path file) throws KeyFileException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": psk_file does not exist (create one with: bin/chainlightning genpsk > " + file + ")");
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read psk_file: " + e.getMessage());
        }
        String text = new String(raw, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new KeyFileException(file + ": psk_file is empty");
        }
        byte[] secret = text.getBytes(StandardCharsets.UTF_8);
        if (secret.length < MIN_LENGTH) {
            throw new KeyFileException(file + ": psk_file holds " + secret.length + " bytes, at least " + MIN_LENGTH + " are needed");
        }
        return new PresharedKey(secret, KeyFilePermissions.warning(file, "psk_file"));
    }

    /** 32 random bytes, base64: the content of a new psk_file. */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static PresharedKey of(String secret) {
        return new PresharedKey(secret.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * The 32-byte key the handshake mixes in (Noise's psk): HKDF-Extract with a fixed salt over
     * the file's text, so any secret of at least {@link #MIN_LENGTH} bytes works.
     */
    public byte[] handshakeKey() {
        return Hkdf.extract(HANDSHAKE_SALT, secret);
    }

    private static final byte[] HANDSHAKE_SALT = "chainlightning psk v2".getBytes(StandardCharsets.US_ASCII);

    /** A warning to log, or null when the file is private. */
    public String warning() {
        return warning;
    }



    /** A key file that cannot be used; the message is one line naming the file and the reason. */
    public static final class KeyFileException extends Exception {
        public KeyFileException(String message) {
            super(message);
        }
    }
}
