package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.keys.KeysSecretFormat;
import dev.chainlightning.operator.keys.TunnelKeys;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** The Secret holding every private key of a tunnel; the server pod mounts only its own entry. */
public final class KeysSecretBuilder {
    public static final String COMPONENT = "keys";

    private KeysSecretBuilder() {
    }

    public static Secret build(HasMetadata tunnel, TunnelKeys keys) {
        return new SecretBuilder()
                .withMetadata(TunnelLabels.metadata(tunnel, TunnelNames.keysSecret(tunnel), COMPONENT))
                .editMetadata().withAnnotations(KeysSecretFormat.annotations(keys)).endMetadata()
                .withType("Opaque")
                .withData(KeysSecretFormat.data(keys))
                .build();
    }
}
