package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.keys.KeysSecretFormat;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway's config Secret: config.toml and private.key, the two files the client image reads from
 * /etc/chainlightning.
 */
public final class ClientSecretBuilder {
    public static final String COMPONENT = "client-config";
    public static final String CONFIG_ENTRY = "config.toml";
    public static final String KEY_ENTRY = "private.key";

    private ClientSecretBuilder() {
    }

    /** One Secret per client whose config could be written (none while the endpoint address is unknown). */
    public static List<Secret> build(HasMetadata tunnel, TunnelState state) {
        return state.plan().clients().stream()
                .filter(client -> state.clientConfigs().containsKey(client.name()))
                .map(client -> build(tunnel, state, client.name()))
                .toList();
    }

    private static Secret build(HasMetadata tunnel, TunnelState state, String client) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CONFIG_ENTRY, SecretData.encode(state.clientConfigs().get(client)));
        data.put(KEY_ENTRY, SecretData.encode(KeysSecretFormat.keyFile(state.keys().client(client))));
        return new SecretBuilder()
                .withMetadata(TunnelLabels.metadata(tunnel, TunnelNames.clientSecret(tunnel, client), COMPONENT))
                .editMetadata().addToLabels(TunnelLabels.CLIENT, client).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }
}
