package dev.chainlightning.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.crd.BondedTunnelStatus;
import dev.chainlightning.operator.plan.TunnelPlanner;
import dev.chainlightning.operator.resources.ServerDeploymentBuilder;
import dev.chainlightning.operator.resources.TunnelLabels;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pods and nodes come from fabric8's CRUD mock server (no real API server can run here). */
@EnableKubernetesMockClient(crud = true)
class EndpointResolverTest {
    static KubernetesClient client;

    @Test
    void advertisedAddressWins() throws Exception {
        BondedTunnel t = tunnel("adv", "LoadBalancer");
        t.getSpec().getExposure().setAdvertisedAddress("198.51.100.1");
        assertThat(resolve(t, Optional.empty())).isEqualTo(new Endpoint("198.51.100.1", "AdvertisedAddress",
                "clients use spec.exposure.advertisedAddress 198.51.100.1"));
    }

    @Test
    void loadBalancerPendingThenReadyOrHostnameOnly() throws Exception {
        BondedTunnel t = tunnel("lb", "LoadBalancer");
        assertThat(resolve(t, Optional.of(new Service())).reason()).isEqualTo("LoadBalancerPending");
        assertThat(resolve(t, Optional.empty()).message()).contains("supports UDP");

        Endpoint ready = resolve(t, Optional.of(lb(null, "203.0.113.3")));
        assertThat(ready.address()).isEqualTo("203.0.113.3");
        assertThat(ready.reason()).isEqualTo("LoadBalancerReady");

        Endpoint hostname = resolve(t, Optional.of(lb("abc.elb.example.com", null)));
        assertThat(hostname.known()).isFalse();
        assertThat(hostname.reason()).isEqualTo("LoadBalancerHostnameOnly");
        assertThat(hostname.message()).contains("advertisedAddress");
    }

    @Test
    void nodeOfTheServerPodPreferringItsExternalAddress() throws Exception {
        BondedTunnel t = tunnel("node", "NodePort");
        assertThat(resolve(t, Optional.empty()).reason()).isEqualTo("NodeAddressPending");

        client.resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress("10.1.0.4").endAddress().endStatus().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("node-server-1").withNamespace("ns")
                .withLabels(TunnelLabels.selector(t, ServerDeploymentBuilder.COMPONENT)).endMetadata()
                .withNewSpec().withNodeName("n1").endSpec().build()).create();
        assertThat(resolve(t, Optional.empty()).address()).isEqualTo("10.1.0.4");

        client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editStatus().addNewAddress()
                .withType("ExternalIP").withAddress("192.0.2.77").endAddress().endStatus().build());
        Endpoint external = resolve(t, Optional.empty());
        assertThat(external.address()).isEqualTo("192.0.2.77");
        assertThat(external.reason()).isEqualTo("NodeAddress");
    }

    @Test
    void whileThePodRestartsTheLastAddressHolds() throws Exception {
        BondedTunnel t = tunnel("restart", "HostNetwork");
        t.setStatus(new BondedTunnelStatus());
        t.getStatus().setAddress("192.0.2.9");
        Endpoint e = resolve(t, Optional.empty());
        assertThat(e.address()).isEqualTo("192.0.2.9");
        assertThat(e.reason()).isEqualTo("LastKnownAddress");
    }

    private static Service lb(String hostname, String ip) {
        return new ServiceBuilder().withNewStatus().withNewLoadBalancer().addNewIngress().withHostname(hostname)
                .withIp(ip).endIngress().endLoadBalancer().endStatus().build();
    }

    private static Endpoint resolve(BondedTunnel t, Optional<Service> service) throws Exception {
        return new EndpointResolver(client).resolve(t, TunnelPlanner.plan(t.getSpec()), service);
    }

    private static BondedTunnel tunnel(String name, String mode) {
        BondedTunnel t = TestTunnels.tunnel("ns", name, "home");
        t.getSpec().getExposure().setMode(mode);
        return t;
    }
}
