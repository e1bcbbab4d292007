package dev.chainlightning.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The AEADs a peer may seal with. Each packet names its suite in the header, so two peers with
 * different CPUs (one with AES instructions, one without) each use their fast cipher and still
 * understand each other. Both take 256-bit keys, 96-bit nonces and add a 128-bit tag.
 */
public enum CipherSuite {
    AES_256_GCM(1, "aes-256-gcm", "AES/GCM/NoPadding", "AES"),
    CHACHA20_POLY1305(2, "chacha20-poly1305", "ChaCha20-Poly1305", "ChaCha20");

    public static final int NONCE_LENGTH = 12;
    public static final int KEY_LENGTH = 32;

    private final int wireId;
    private final String configName;
    private final String transformation;
    private final String keyAlgorithm;

    CipherSuite(int wireId, String configName, String transformation, String keyAlgorithm) {
        this.wireId = wireId;
        this.configName = configName;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    public int wireId() {
        return wireId;
    }

    public String configName() {
        return configName;
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** A raw 32-byte key as this suite's JDK key object. */
    public javax.crypto.SecretKey key(byte[] raw) {
        return new javax.crypto.spec.SecretKeySpec(raw, keyAlgorithm);
    }

    public Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " is not available in this JDK", e);
        }
    }

    /** The JDK wants a fresh parameter object per init; it copies the nonce, so {@code nonce} may be reused. */
    public AlgorithmParameterSpec parameters(byte[] nonce) {
        return this == AES_256_GCM ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce);
    }

    /** Suite for a header's cipher byte, or null when the byte names none. */
    public static CipherSuite fromWireId(int id) {
        return switch (id) {
            case 1 -> AES_256_GCM;
            case 2 -> CHACHA20_POLY1305;
            default -> null;
        };
    }

    /** Resolves the config value: "auto" picks AES-GCM when the CPU has AES instructions. */
    public static CipherSuite fromConfig(String name) {
        return switch (name) {
            case "aes-256-gcm" -> AES_256_GCM;
            case "chacha20-poly1305" -> CHACHA20_POLY1305;
            default -> cpuHasAes() ? AES_256_GCM : CHACHA20_POLY1305;
        };
    }

    static boolean cpuHasAes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags") || line.startsWith("Features")) {
                    return (" " + line.substring(line.indexOf(':') + 1) + " ").contains(" aes ");
                }
            }
        } catch (IOException | RuntimeException e) {
            // No cpuinfo: ChaCha20 is the safe choice without hardware AES.
        }
        return false;
    }
}
