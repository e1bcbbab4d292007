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
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import dev.chainlightning.operator.deploy.DeployManifests;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real JOSDK Operator, as shipped (server-side apply off), against fabric8's mock API server in CRUD mode.
 * A mock because no real API server can run on our machines; it stores and watches objects but has no
 * controllers: no garbage collection (owner references are asserted instead), no Deployment rollouts and no
 * load balancers (their status is patched here), no schema validation (CrdSchemaTest covers the schema).
 * The real-cluster version of this is KindEndToEndTest (-Pkind-e2e).
 */
@EnableKubernetesMockClient(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCrudMockTest {
    private static final String NS = "tunnels";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OPERATOR_AGENT = "chainlightning-operator-under-test";

    static KubernetesClient client;
    static KubernetesMockServer server;
    private static KubernetesClient operatorClient;
    private static Operator operator;

    @BeforeAll
    static void startOperator() throws Exception {
        // The CRD first: the mock derives the status subresource and generation bumps from it.
        try (InputStream crd = OperatorCrudMockTest.class.getResourceAsStream(
                "/META-INF/fabric8/bondedtunnels.chainlightning.dev-v1.yml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
        }
        // Its own client, told apart by user agent, so its requests can be checked against its ClusterRole.
        operatorClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withUserAgent(OPERATOR_AGENT).build()).build();
        operator = OperatorFactory.create(operatorClient, new BondedTunnelReconciler());
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
        operatorClient.close();
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

    @Test
    void specChangeUpdatesObjectsButKeepsTheKeys() {
        createAdvertised("change", "198.51.100.4", "home");
        Secret keysBefore = eventually(() -> secret("change-keys"));
        String configBefore = eventually(() -> secret("change-home-client")).getData().get(ClientSecretBuilder.CONFIG_ENTRY);

        edit("change", t -> {
            t.getSpec().getExposure().setBasePort(9101);
            t.getSpec().getClients().add(new ClientSpec("office"));
            return t;
        });

        Deployment updated = await().atMost(WAIT).until(() -> deployment("change"),
                d -> d.getSpec().getTemplate().getSpec().getContainers().size() == 2);
        assertThat(updated.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts().getFirst()
                .getContainerPort()).isEqualTo(9101);
        Secret keysAfter = await().atMost(WAIT).until(() -> secret("change-keys"),
                s -> s.getData().containsKey(KeysSecretFormat.clientEntry("office")));
        assertThat(keysAfter.getData().get(KeysSecretFormat.SERVER_KEY))
                .isEqualTo(keysBefore.getData().get(KeysSecretFormat.SERVER_KEY));
        assertThat(keysAfter.getData().get(KeysSecretFormat.clientEntry("home")))
                .isEqualTo(keysBefore.getData().get(KeysSecretFormat.clientEntry("home")));
        Secret home = await().atMost(WAIT).until(() -> secret("change-home-client"),
                s -> !s.getData().get(ClientSecretBuilder.CONFIG_ENTRY).equals(configBefore));
        assertThat(SecretData.decode(home.getData().get(ClientSecretBuilder.CONFIG_ENTRY))).contains("start_port = 9101");
        assertThat(eventually(() -> secret("change-office-client"))).isNotNull();
        BondedTunnel after = awaitObservedGeneration("change", 2);
        assertThat(after.getStatus().getKeysCreatedAt()).isEqualTo(
                keysBefore.getMetadata().getAnnotations().get(KeysSecretFormat.CREATED_AT_ANNOTATION));
    }

    @Test
    void rotateAnnotationReplacesKeysAndRollsThePod() {
        createAdvertised("rotate", "198.51.100.5", "home");
        Secret before = eventually(() -> secret("rotate-keys"));
        String clientKeyBefore = eventually(() -> secret("rotate-home-client")).getData().get(ClientSecretBuilder.KEY_ENTRY);
        String hashBefore = await().atMost(WAIT)
                .until(() -> podAnnotation("rotate", ServerDeploymentBuilder.KEYS_HASH_ANNOTATION), h -> h != null);

        edit("rotate", t -> {
                    t.getMetadata().getAnnotations().put(BondedTunnel.ROTATE_KEYS_ANNOTATION, "2026-11-25T10:00");
                    return t;
                });

        Secret after = await().atMost(WAIT).until(() -> secret("rotate-keys"), s -> !s.getData()
                .get(KeysSecretFormat.SERVER_KEY).equals(before.getData().get(KeysSecretFormat.SERVER_KEY)));
        assertThat(after.getMetadata().getAnnotations())
                .containsEntry(KeysSecretFormat.ROTATION_REQUEST_ANNOTATION, "2026-11-25T10:00");
        await().atMost(WAIT).until(() -> podAnnotation("rotate", ServerDeploymentBuilder.KEYS_HASH_ANNOTATION),
                h -> !h.equals(hashBefore));
        await().atMost(WAIT).until(() -> secret("rotate-home-client").getData().get(ClientSecretBuilder.KEY_ENTRY),
                k -> !k.equals(clientKeyBefore));
        BondedTunnel rotated = awaitCondition("rotate", "KeysReady", "True");
        assertThat(rotated.getStatus().getKeysCreatedAt())
                .isEqualTo(after.getMetadata().getAnnotations().get(KeysSecretFormat.CREATED_AT_ANNOTATION));
    }

    @Test
    void invalidSpecIsReportedNotRetried() {
        BondedTunnel tunnel = TestTunnels.tunnel(NS, "invalid", "home", "home");
        tunnel.getSpec().getExposure().setPortCount(0);
        client.resource(tunnel).create();

        BondedTunnel reported = awaitCondition("invalid", "Ready", "False");
        Condition ready = condition(reported, "Ready");
        assertThat(ready.getReason()).isEqualTo("InvalidPorts");
        assertThat(ready.getMessage()).contains("portCount must be at least 1").contains("'home' is listed more than once");
        assertThat(ready.getObservedGeneration()).isEqualTo(1L);
        assertThat(deployment("invalid")).isNull();

        edit("invalid", t -> {
            t.getSpec().getExposure().setMode("Ingress");
            t.getSpec().getExposure().setPortCount(5);
            t.getSpec().getClients().removeLast();
            return t;
        });
        BondedTunnel unknownMode = await().atMost(WAIT).until(() -> tunnel("invalid"),
                t -> t.getStatus().getObservedGeneration() == 2L);
        assertThat(condition(unknownMode, "Ready").getReason()).isEqualTo("UnknownExposureMode");
        assertThat(deployment("invalid")).isNull();
    }

    @Test
    void serviceMonitorWhenItsCrdExists() {
        client.resource(monitoringCrd("servicemonitors", "ServiceMonitor")).create();
        BondedTunnel tunnel = TestTunnels.tunnel(NS, "monitored", "home");
        tunnel.getSpec().getMetrics().setServiceMonitor(true);
        tunnel.getSpec().getMetrics().setPodMonitor(true);
        tunnel.getSpec().getMetrics().setLabels(Map.of("release", "prometheus"));
        BondedTunnel created = client.resource(tunnel).create();

        GenericKubernetesResource monitor = eventually(() -> client.genericKubernetesResources(
                "monitoring.coreos.com/v1", "ServiceMonitor").inNamespace(NS).withName("monitored").get());
        assertOwnedBy(created, monitor);
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        // No PodMonitor CRD in this cluster: the operator says so instead of failing.
        awaitCondition("monitored", "KeysReady", "True");
        assertThat(tunnel("monitored").getStatus().getConditions()).noneMatch(c -> "ReconcileError".equals(c.getReason()));
    }

    @Test
    void deletingTheTunnelLeavesOnlyOwnedObjectsForTheGarbageCollector() {
        BondedTunnel created = createAdvertised("gone", "198.51.100.6", "home");
        eventually(() -> secret("gone-home-client"));

        client.resource(created).delete();

        await().atMost(WAIT).until(() -> tunnel("gone") == null);
        // The mock has no garbage collector: what a cluster deletes is everything owned by the tunnel.
        List<HasMetadata> left = List.of(secret("gone-keys"), secret("gone-home-client"), deployment("gone"),
                client.configMaps().inNamespace(NS).withName("gone-server-config").get(),
                service("gone-tunnel"), service("gone-metrics"));
        left.forEach(o -> assertOwnedBy(created, o));
        assertThat(created.getMetadata().getFinalizers()).isEmpty();
    }

    @Test
    void hostNetworkUsesTheNodeAddressAndNoTunnelService() {
        BondedTunnel tunnel = TestTunnels.tunnel(NS, "onhost", "home");
        tunnel.getSpec().getExposure().setMode("HostNetwork");
        client.resource(tunnel).create();
        Deployment deployment = eventually(() -> deployment("onhost"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
        awaitCondition("onhost", "Exposed", "False");

        // No scheduler here: play it, with a node and the server pod on it.
        client.resource(new NodeBuilder().withNewMetadata().withName("vps-1").endMetadata().withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress("10.0.0.5").endAddress()
                .addNewAddress().withType("ExternalIP").withAddress("192.0.2.50").endAddress()
                .endStatus().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("onhost-server-abc").withNamespace(NS)
                .withLabels(deployment.getSpec().getSelector().getMatchLabels()).endMetadata()
                .withNewSpec().withNodeName("vps-1").addNewContainer().withName("x").withImage("x").endContainer()
                .endSpec().build()).create();
        markDeploymentAvailable("onhost");

        BondedTunnel ready = awaitCondition("onhost", "Ready", "True");
        assertThat(ready.getStatus().getEndpoint()).isEqualTo("192.0.2.50:9001-9005");
        assertThat(condition(ready, "Exposed").getReason()).isEqualTo("NodeAddress");
        assertThat(service("onhost-tunnel")).isNull();
        assertThat(eventually(() -> secret("onhost-home-client"))).isNotNull();
    }

    /** Last: every request the operator made in the tests above must be allowed by deploy/'s ClusterRole. */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyRequestTheOperatorMadeIsAllowedByItsClusterRole() throws Exception {
        ClusterRole role = DeployManifests.load().stream().filter(ClusterRole.class::isInstance)
                .map(ClusterRole.class::cast).findFirst().orElseThrow();
        Set<ApiRequest> made = new TreeSet<>(java.util.Comparator.comparing(ApiRequest::toString));
        RecordedRequest request;
        while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
            String agent = request.getHeader("User-Agent");
            if (agent != null && agent.contains(OPERATOR_AGENT)) {
                made.add(ApiRequest.of(request.getMethod(), request.getPath()));
            }
        }
        assertThat(made).extracting(ApiRequest::resource)
                .contains("secrets", "deployments", "services", "configmaps", "bondedtunnels/status", "pods", "nodes");
        assertThat(made).allSatisfy(r -> assertThat(allows(role, r)).as("ClusterRole allows " + r).isTrue());
    }

    private static boolean allows(ClusterRole role, ApiRequest request) {
        return role.getRules().stream().anyMatch(rule -> rule.getApiGroups().contains(request.group())
                && rule.getResources().contains(request.resource()) && rule.getVerbs().contains(request.verb()));
    }

    private static CustomResourceDefinition monitoringCrd(String plural, String kind) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".monitoring.coreos.com")
                .endMetadata().withNewSpec().withGroup("monitoring.coreos.com").withScope("Namespaced")
                .withNewNames().withPlural(plural).withKind(kind).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build();
    }

    private static BondedTunnel awaitObservedGeneration(String name, long generation) {
        return await().atMost(WAIT).until(() -> tunnel(name),
                t -> t.getStatus() != null && t.getStatus().getObservedGeneration() == generation);
    }

    private static String podAnnotation(String tunnel, String key) {
        Deployment d = deployment(tunnel);
        return d == null ? null : d.getSpec().getTemplate().getMetadata().getAnnotations().get(key);
    }

    /** A tunnel whose clients use a fixed address, so their configs are written without a load balancer. */
    private static BondedTunnel createAdvertised(String name, String address, String... clients) {
        BondedTunnel tunnel = TestTunnels.tunnel(NS, name, clients);
        tunnel.getSpec().getExposure().setAdvertisedAddress(address);
        return client.resource(tunnel).create();
    }

    /** Edits as kubectl edit does: the operator may write status in between, so a conflict is tried again. */
    private static void edit(String name, java.util.function.UnaryOperator<BondedTunnel> change) {
        await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
            client.resources(BondedTunnel.class).inNamespace(NS).withName(name).edit(change);
            return true;
        });
    }

    private static BondedTunnel tunnel(String name) {
        return client.resources(BondedTunnel.class).inNamespace(NS).withName(name).get();
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
