package dev.chainlightning.operator.keys;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every long-term key of one tunnel: the server's pair and one pair per client, made with tunnel-core's
 * own X25519 code.
 *
 * @param createdAt        when the server key (and so this generation of keys) was made
 * @param rotationRequest  the rotate-keys annotation value these keys answer, or "" when none was asked for
 */
public record TunnelKeys(X25519KeyPair server, SortedMap<String, X25519KeyPair> clients, Instant createdAt,
                         String rotationRequest) {

    public TunnelKeys {
        clients = new TreeMap<>(clients);
    }

    /** Fresh keys for the server and every named client. */
    public static TunnelKeys generate(Iterable<String> clientNames, Instant now, String rotationRequest) {
        SortedMap<String, X25519KeyPair> clients = new TreeMap<>();
        for (String name : clientNames) {
            clients.put(name, X25519KeyPair.generate());
        }
        return new TunnelKeys(X25519KeyPair.generate(), clients, now, rotationRequest);
    }

    public X25519KeyPair client(String name) {
        X25519KeyPair pair = clients.get(name);
        if (pair == null) {
            throw new IllegalArgumentException("no key for client " + name);
        }
        return pair;
    }

    /**
     * A short digest of the public keys. It goes into the pod template, so new keys roll the pod; public
     * keys suffice since each is bound to its private key.
     */
    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(server.publicKey().bytes());
            for (Map.Entry<String, X25519KeyPair> e : clients.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(e.getValue().publicKey().bytes());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "TunnelKeys[server=" + server.publicKey() + ", clients=" + clients.keySet() + ", createdAt=" + createdAt + "]";
    }
}
