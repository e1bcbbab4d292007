package dev.chainlightning.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.config.ConfigLoader;
import dev.chainlightning.config.Role;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretAndConfigMapBuildersTest {
    private final BondedTunnel tunnel = TestTunnels.tunnel("ns", "vps", "home", "office");

    @Test
    void clientSecretsHoldWhatTheClientImageReads() throws Exception {
        TunnelState state = TestStates.of(tunnel, "203.0.113.4");

        List<Secret> secrets = ClientSecretBuilder.build(tunnel, state);

        assertThat(secrets).extracting(s -> s.getMetadata().getName()).containsExactly("vps-home-client", "vps-office-client");
        Secret home = secrets.getFirst();
        assertThat(home.getData()).containsOnlyKeys("config.toml", "private.key");
        assertThat(home.getMetadata().getLabels()).containsEntry(TunnelLabels.CLIENT, "home")
                .containsEntry(TunnelLabels.COMPONENT, ClientSecretBuilder.COMPONENT);
        var config = ConfigLoader.parse(SecretData.decode(home.getData().get("config.toml")),
                "/etc/chainlightning/config.toml", Role.CLIENT, a -> true);
        assertThat(X25519KeyPair.parsePrivate(SecretData.decode(home.getData().get("private.key"))).publicKey())
                .isEqualTo(config.security().clientPublicKey());
    }

    @Test
    void noClientSecretWhileTheAddressIsUnknown() throws Exception {
        assertThat(ClientSecretBuilder.build(tunnel, TestStates.of(tunnel, null))).isEmpty();
    }

    @Test
    void keysSecretAndServerConfigs() throws Exception {
        TunnelState state = TestStates.of(tunnel, null);

        Secret keys = KeysSecretBuilder.build(tunnel, state.keys());
        ConfigMap configs = ServerConfigMapBuilder.build(tunnel, state);

        assertThat(keys.getMetadata().getName()).isEqualTo("vps-keys");
        assertThat(keys.getData()).containsOnlyKeys("server.key", "client-home.key", "client-office.key");
        assertThat(keys.getMetadata().getLabels()).containsEntry(TunnelLabels.COMPONENT, KeysSecretBuilder.COMPONENT);
        assertThat(configs.getData()).containsOnlyKeys("home.toml", "office.toml");
        // Public keys only in the ConfigMap.
        assertThat(configs.getData().values()).noneMatch(t -> t.contains(state.keys().server().privateKeyBase64()));
    }
}
