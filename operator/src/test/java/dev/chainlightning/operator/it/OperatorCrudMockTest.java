package dev.chainlightning.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chainlightning.config.ConfigLoader;
import dev.chainlightning.config.Role;
import dev.chainlightning.config.TunnelConfig;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.operator.OperatorFactory;
import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.crd.ClientSpec;
import dev.chainlightning.operator.keys.KeysSecretFormat;
import dev.chainlightning.operator.reconciler.BondedTunnelReconciler;
import dev.chainlightning.operator.resources.ClientSecretBuilder;
import dev.chainlightning.operator.resources.SecretData;
import dev.chainlightning.operator.resources.ServerDeploymentBuilder;
import dev.chainlightning.operator.resources.TunnelNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real JOSDK Operator, as shipped (server-side apply off), against fabric8's mock API server in CRUD mode.
 * A mock because no real API server can run on our machines; it stores and watches objects but has no
 * controllers: no garbage collection (owner references are asserted instead), no Deployment rollouts and no
 * load balancers (their status is patched here), no schema validation (CrdSchemaTest covers the schema).
 * The real-cluster version of this is KindEndToEndTest (-Pkind-e2e).
 */
@EnableKubernetesMockClient(crud = true)
class OperatorCrudMockTest {
    private static final String NS = "tunnels";
    private static final Duration WAIT = Duration.ofSeconds(20);

    static KubernetesClient client;
    private static Operator operator;

    @BeforeAll
    static void startOperator() throws Exception {
        // The CRD first: the mock derives the status subresource and generation bumps from it.
        try (InputStream crd = OperatorCrudMockTest.class.getResourceAsStream(
                "/META-INF/fabric8/bondedtunnels.chainlightning.dev-v1.yml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
        }
        operator = OperatorFactory.create(client, new BondedTunnelReconciler());
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void createsEveryObjectOwnedByTheTunnelWithStatus() throws Exception {
        BondedTunnel tunnel = client.resource(TestTunnels.tunnel(NS, "create", "home", "office")).create();

        Deployment deployment = await().atMost(WAIT).until(() -> deployment("create"), d -> d != null);
        assertOwnedBy(tunnel, deployment);
        // The workflow writes independent objects in parallel: each may come a moment after the other.
        assertOwnedBy(tunnel, eventually(() -> secret(TunnelNames.keysSecret(tunnel))));
        assertOwnedBy(tunnel, eventually(() -> client.configMaps().inNamespace(NS)
                .withName(TunnelNames.serverConfig(tunnel)).get()));
        assertOwnedBy(tunnel, eventually(() -> service(TunnelNames.tunnelService(tunnel))));
        assertOwnedBy(tunnel, eventually(() -> service(TunnelNames.metricsService(tunnel))));
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(2);

        // No load balancer here: until the Service has an address, no client config can be written.
        BondedTunnel pending = awaitCondition("create", "Exposed", "False");
        assertThat(condition(pending, "Exposed").getReason()).isEqualTo("LoadBalancerPending");
        assertThat(condition(pending, "KeysReady").getStatus()).isEqualTo("True");
        assertThat(condition(pending, "Ready").getStatus()).isEqualTo("False");
        assertThat(pending.getStatus().getObservedGeneration()).isEqualTo(pending.getMetadata().getGeneration());

        giveLoadBalancerAddress("create", "203.0.113.7");
        Secret home = await().atMost(WAIT).until(() -> secret("create-home-client"), s -> s != null);
        assertOwnedBy(tunnel, home);
        assertThat(secret("create-office-client")).isNotNull();
        TunnelConfig config = loadClientConfig(home);
        assertThat(config.general().serverIp().getHostAddress()).isEqualTo("203.0.113.7");
        assertThat(config.links().startPort()).isEqualTo(9001);
        assertThat(loadClientConfig(secret("create-office-client")).links().startPort()).isEqualTo(9006);
        assertThat(X25519KeyPair.parsePrivate(SecretData.decode(home.getData().get(ClientSecretBuilder.KEY_ENTRY)))
                .publicKey()).isEqualTo(config.security().clientPublicKey());

        markDeploymentAvailable("create");
        BondedTunnel ready = awaitCondition("create", "Ready", "True");
        assertThat(ready.getStatus().getEndpoint()).isEqualTo("203.0.113.7:9001-9010");
        assertThat(ready.getStatus().getClients()).extracting("configSecret")
                .containsExactly("create-home-client", "create-office-client");
        assertThat(condition(ready, "Degraded").getStatus()).isEqualTo("False");
    }

    private static TunnelConfig loadClientConfig(Secret secret) throws Exception {
        String toml = SecretData.decode(secret.getData().get(ClientSecretBuilder.CONFIG_ENTRY));
        return ConfigLoader.parse(toml, "/etc/chainlightning/config.toml", Role.CLIENT, a -> true);
    }

    private static void giveLoadBalancerAddress(String tunnel, String ip) {
        Service service = await().atMost(WAIT).until(() -> service(tunnel + "-tunnel"), s -> s != null);
        service.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().build());
        client.resource(service).updateStatus();
    }

    private static void markDeploymentAvailable(String tunnel) {
        Deployment d = deployment(tunnel);
        d.setStatus(new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
                .withObservedGeneration(d.getMetadata().getGeneration()).build());
        client.resource(d).updateStatus();
    }

    private static BondedTunnel awaitCondition(String name, String type, String status) {
        return await().atMost(WAIT).until(() -> client.resources(BondedTunnel.class).inNamespace(NS).withName(name).get(),
                t -> t != null && t.getStatus() != null && status.equals(Optional.ofNullable(condition(t, type))
                        .map(Condition::getStatus).orElse(null)));
    }

    static Condition condition(BondedTunnel tunnel, String type) {
        return tunnel.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElse(null);
    }

    static <T> T eventually(java.util.concurrent.Callable<T> lookup) {
        return await().atMost(WAIT).until(lookup, found -> found != null);
    }

    private static void assertOwnedBy(BondedTunnel tunnel, HasMetadata owned) {
        assertThat(owned).as("object owned by " + tunnel.getMetadata().getName()).isNotNull();
        List<OwnerReference> refs = owned.getMetadata().getOwnerReferences();
        assertThat(refs).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("BondedTunnel");
            assertThat(ref.getName()).isEqualTo(tunnel.getMetadata().getName());
            assertThat(ref.getUid()).isEqualTo(tunnel.getMetadata().getUid());
        });
    }

    private static Deployment deployment(String tunnel) {
        return client.apps().deployments().inNamespace(NS).withName(tunnel + "-server").get();
    }

    private static Secret secret(String name) {
        return client.secrets().inNamespace(NS).withName(name).get();
    }

    private static Service service(String name) {
        return client.services().inNamespace(NS).withName(name).get();
    }
}
