package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.config.ContainerPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.TreeMap;

/** One server config.toml per client; it holds public keys only, so a ConfigMap will do. */
public final class ServerConfigMapBuilder {
    public static final String COMPONENT = "server-config";

    private ServerConfigMapBuilder() {
    }

    public static ConfigMap build(HasMetadata tunnel, TunnelState state) {
        Map<String, String> data = new TreeMap<>();
        state.serverConfigs().forEach((client, toml) -> data.put(ContainerPaths.serverConfigEntry(client), toml));
        return new ConfigMapBuilder()
                .withMetadata(TunnelLabels.metadata(tunnel, TunnelNames.serverConfig(tunnel), COMPONENT))
                .withData(data)
                .build();
    }
}
