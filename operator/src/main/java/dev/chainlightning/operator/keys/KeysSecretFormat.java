package dev.chainlightning.operator.keys;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.operator.resources.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How {@link TunnelKeys} sit in the keys Secret: one key file per entry, in the format
 * {@code chainlightning genkey} writes (one base64 line), and two annotations for rotation.
 */
public final class KeysSecretFormat {
    public static final String SERVER_KEY = "server.key";
    private static final String CLIENT_PREFIX = "client-";
    private static final String KEY_SUFFIX = ".key";
    public static final String CREATED_AT_ANNOTATION = "chainlightning.dev/keys-created-at";
    public static final String ROTATION_REQUEST_ANNOTATION = "chainlightning.dev/rotation-request";

    private KeysSecretFormat() {
    }

    public static String clientEntry(String clientName) {
        return CLIENT_PREFIX + clientName + KEY_SUFFIX;
    }

    /** Secret data (base64 of each file, as the API stores it). */
    public static Map<String, String> data(TunnelKeys keys) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(SERVER_KEY, SecretData.encode(keyFile(keys.server())));
        keys.clients().forEach((name, pair) -> data.put(clientEntry(name), SecretData.encode(keyFile(pair))));
        return data;
    }

    public static Map<String, String> annotations(TunnelKeys keys) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CREATED_AT_ANNOTATION, keys.createdAt().toString());
        annotations.put(ROTATION_REQUEST_ANNOTATION, keys.rotationRequest());
        return annotations;
    }

    /** A key file's text: the private key in base64 and a newline, as genkey writes it. */
    public static String keyFile(X25519KeyPair pair) {
        return pair.privateKeyBase64() + "\n";
    }

    /**
     * The keys in a Secret, or empty when it holds no readable server key (then new keys are made). A
     * client entry that cannot be read is left out, so that client alone gets a new key.
     */
    public static Optional<TunnelKeys> read(Secret secret) {
        if (secret == null || secret.getData() == null) {
            return Optional.empty();
        }
        Optional<X25519KeyPair> server = pair(secret.getData().get(SERVER_KEY));
        if (server.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, X25519KeyPair> clients = new TreeMap<>();
        secret.getData().forEach((entry, value) -> {
            if (entry.startsWith(CLIENT_PREFIX) && entry.endsWith(KEY_SUFFIX)) {
                String name = entry.substring(CLIENT_PREFIX.length(), entry.length() - KEY_SUFFIX.length());
                pair(value).ifPresent(p -> clients.put(name, p));
            }
        });
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null
                ? Map.of() : secret.getMetadata().getAnnotations();
        return Optional.of(new TunnelKeys(server.get(), clients, createdAt(annotations.get(CREATED_AT_ANNOTATION)),
                annotations.getOrDefault(ROTATION_REQUEST_ANNOTATION, "")));
    }

    private static Optional<X25519KeyPair> pair(String base64File) {
        if (base64File == null) {
            return Optional.empty();
        }
        try {
            String text = SecretData.decode(base64File);
            return Optional.of(X25519KeyPair.parsePrivate(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Keys whose age is unknown (edited by hand) count as made at the epoch, so a rotation interval replaces them. */
    private static Instant createdAt(String text) {
        try {
            return text == null ? Instant.EPOCH : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
