package dev.chainlightning.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.config.ConfigException;
import dev.chainlightning.config.ConfigLoader;
import dev.chainlightning.config.Role;
import dev.chainlightning.config.TunnelConfig;
import dev.chainlightning.crypto.noise.KeyFiles;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnelSpec;
import dev.chainlightning.operator.keys.KeysSecretFormat;
import dev.chainlightning.operator.keys.TunnelKeys;
import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.TunnelPlan;
import dev.chainlightning.operator.plan.TunnelPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config the operator writes is loaded by tunnel-core's own ConfigLoader, as the tunnel would. */
class TunnelConfigsTest {
    @TempDir
    Path dir;

    @Test
    void serverAndClientConfigsLoadAndPairUp() throws Exception {
        TunnelPlan plan = TunnelPlanner.plan(TestTunnels.tunnel("ns", "t", "home", "office").getSpec());
        TunnelKeys keys = TunnelKeys.generate(plan.clientNames(), Instant.now(), "");

        for (ClientPlan client : plan.clients()) {
            TunnelConfig server = load(TunnelConfigs.server(plan, client, keys), Role.SERVER);
            TunnelConfig gateway = load(TunnelConfigs.client(plan, client, keys, "203.0.113.9"), Role.CLIENT);

            assertThat(server.links().startPort()).isEqualTo(client.firstPort()).isEqualTo(gateway.links().startPort());
            assertThat(server.links().portCount()).isEqualTo(5).isEqualTo(gateway.links().portCount());
            assertThat(server.general().tunName()).isEqualTo(client.tunName());
            assertThat(server.ownTunIp().getHostAddress()).isEqualTo(client.serverTunIp());
            assertThat(gateway.ownTunIp().getHostAddress()).isEqualTo(client.clientTunIp());
            assertThat(gateway.general().serverIp().getHostAddress()).isEqualTo("203.0.113.9");
            assertThat(server.security().clientPublicKey()).isEqualTo(keys.client(client.name()).publicKey());
            assertThat(server.security().serverPublicKey()).isEqualTo(gateway.security().serverPublicKey());
            assertThat(server.security().privateKeyFile()).hasToString(ContainerPaths.SERVER_KEY_FILE);
            assertThat(gateway.security().privateKeyFile()).hasToString(ContainerPaths.CLIENT_KEY_FILE);
            assertThat(server.metrics().listen().getPort()).isEqualTo(client.metricsPort());
            assertThat(gateway.links().sourceIps()).extracting(a -> a.getHostAddress())
                    .containsExactly(TunnelConfigs.SOURCE_IP_PLACEHOLDER);
        }
    }

    @Test
    void eachEndsKeyFileIsTheOneItsConfigNames() throws Exception {
        TunnelPlan plan = TunnelPlanner.plan(TestTunnels.tunnel("ns", "t", "home").getSpec());
        TunnelKeys keys = TunnelKeys.generate(plan.clientNames(), Instant.now(), "");
        ClientPlan home = plan.clients().getFirst();
        Path keyFile = dir.resolve("private.key");
        Files.writeString(keyFile, KeysSecretFormat.keyFile(keys.client("home")));

        TunnelConfig gateway = load(TunnelConfigs.client(plan, home, keys, "203.0.113.9"), Role.CLIENT);
        X25519KeyPair own = KeyFiles.readPrivateKey(keyFile, warning -> { });

        // What RunCommand checks at start: this end's key is the one the config lists for its role.
        assertThat(own.publicKey()).isEqualTo(gateway.security().ownPublicKey(Role.CLIENT));
    }

    @Test
    void settingsFromTheSpecReachBothEnds() throws Exception {
        BondedTunnelSpec spec = TestTunnels.tunnel("ns", "t", "home").getSpec();
        spec.getTunnel().setMtu(1380);
        spec.getTunnel().getFec().setMode("fixed");
        spec.getTunnel().getFec().setGroupSize(20);
        spec.getTunnel().getFec().setRepairPackets(0);
        spec.getClients().getFirst().setSourceIPs(List.of("192.168.1.10", "2001:db8::7"));
        spec.getClients().getFirst().setLinksPerWan(2);
        TunnelPlan plan = TunnelPlanner.plan(spec);
        TunnelKeys keys = TunnelKeys.generate(plan.clientNames(), Instant.now(), "");

        TunnelConfig gateway = load(TunnelConfigs.client(plan, plan.clients().getFirst(), keys, "2001:db8::1"), Role.CLIENT);
        TunnelConfig server = load(TunnelConfigs.server(plan, plan.clients().getFirst(), keys), Role.SERVER);

        for (TunnelConfig c : List.of(gateway, server)) {
            assertThat(c.general().mtu()).isEqualTo(1380);
            assertThat(c.performance().fecMode()).isEqualTo("fixed");
            assertThat(c.performance().fecGroupSize()).isEqualTo(20);
            assertThat(c.performance().fecEnabled()).isFalse();
        }
        assertThat(gateway.links().linkCount()).isEqualTo(4);
    }

    @Test
    void theCheckRefusesWhatTheTunnelRefuses() {
        assertThatThrownBy(() -> ConfigCheck.verify("[general]\ntun_name = \"cl0\"\n", Role.SERVER))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tun_local_ip");
    }

    @Test
    void stringsAreQuotedSoNoValueBreaksTheFile() {
        assertThat(TomlText.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    private TunnelConfig load(String toml, Role role) throws Exception {
        Path file = dir.resolve(role + ".toml");
        Files.writeString(file, toml);
        return ConfigLoader.load(file, role, address -> true);
    }
}
