package dev.chainlightning.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chainlightning.operator.OperatorFactory;
import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.deploy.DeployManifests;
import dev.chainlightning.operator.reconciler.BondedTunnelReconciler;
import dev.chainlightning.operator.resources.ServerDeploymentBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The operator against a real cluster (the current kubeconfig's, e.g. kind), run only with -Pkind-e2e:
 * what the mock cannot show. Real schema validation and Pod Security admission, a server pod that really
 * starts with NET_ADMIN and /dev/net/tun, and garbage collection of everything on delete. Needs the
 * server image in the cluster (README, "On Kubernetes": kind load docker-image chainlightning-server:local).
 * The operator runs in this JVM, as shipped (OperatorFactory); the namespace is made and removed here.
 */
@EnabledIfSystemProperty(named = "chainlightning.e2e", matches = "true",
        disabledReason = "needs a real cluster: ./mvnw -pl operator -am verify -Pkind-e2e")
class KubernetesClusterE2E {
    private static final String NS = "chainlightning-e2e";
    private static final Duration WAIT = Duration.ofMinutes(3);

    private static KubernetesClient client;
    private static Operator operator;

    @BeforeAll
    static void start() throws Exception {
        client = new KubernetesClientBuilder().build();
        for (HasMetadata o : DeployManifests.load()) {
            if (o instanceof CustomResourceDefinition crd) {
                client.resource(crd).forceConflicts().serverSideApply();
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                                .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                                1, TimeUnit.MINUTES);
            }
        }
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(NS)
                .withLabels(Map.of("pod-security.kubernetes.io/enforce", "privileged")).endMetadata().build();
        client.resource(ns).createOr(existing -> existing.update());
        operator = OperatorFactory.create(client, new BondedTunnelReconciler(), java.util.Set.of(NS));
        operator.start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.stop();
        }
        client.namespaces().withName(NS).delete();
        client.close();
    }

    @Test
    void tunnelServerRunsIsReadyRollsOnRotationAndIsCollectedOnDelete() {
        BondedTunnel tunnel = TestTunnels.tunnel(NS, "e2e", "home");
        tunnel.getMetadata().setUid(null);
        tunnel.getMetadata().setGeneration(null);
        tunnel.getSpec().getExposure().setMode("HostNetwork");
        tunnel.getSpec().getExposure().setBasePort(19001);
        tunnel.getSpec().getMetrics().setPort(19100);
        client.resource(tunnel).create();

        BondedTunnel ready = awaitReady();
        assertThat(ready.getStatus().getEndpoint()).endsWith(":19001-19005");
        assertThat(client.secrets().inNamespace(NS).withName("e2e-home-client").get()).isNotNull();

        String hash = podHash();
        client.resources(BondedTunnel.class).inNamespace(NS).withName("e2e").edit(t -> {
            t.getMetadata().getAnnotations().put(BondedTunnel.ROTATE_KEYS_ANNOTATION, "e2e-1");
            return t;
        });
        await().atMost(WAIT).until(() -> !podHash().equals(hash));
        awaitReady();

        client.resources(BondedTunnel.class).inNamespace(NS).withName("e2e").delete();
        // The real garbage collector removes what the tunnel owned.
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName("e2e-server").get() == null
                && client.secrets().inNamespace(NS).withName("e2e-keys").get() == null
                && client.secrets().inNamespace(NS).withName("e2e-home-client").get() == null);
    }

    private static BondedTunnel awaitReady() {
        return await().atMost(WAIT).until(() -> client.resources(BondedTunnel.class).inNamespace(NS).withName("e2e").get(),
                t -> t.getStatus() != null && t.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    private static String podHash() {
        return client.apps().deployments().inNamespace(NS).withName("e2e-server").get().getSpec().getTemplate()
                .getMetadata().getAnnotations().get(ServerDeploymentBuilder.KEYS_HASH_ANNOTATION);
    }
}
