package dev.chainlightning.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.plan.TunnelPlan;
import dev.chainlightning.operator.plan.TunnelPlanner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceAndMonitorBuildersTest {
    private final BondedTunnel tunnel = TestTunnels.tunnel("ns", "vps", "home", "office");

    @Test
    void loadBalancerExposesEveryClientsPortsWithTheUsersSettings() throws Exception {
        tunnel.getSpec().getExposure().setLoadBalancerIP("203.0.113.20");
        tunnel.getSpec().getExposure().setAnnotations(Map.of("metallb.universe.tf/address-pool", "public"));

        Service s = TunnelServiceBuilder.build(tunnel, plan());

        assertThat(s.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(s.getSpec().getLoadBalancerIP()).isEqualTo("203.0.113.20");
        assertThat(s.getMetadata().getAnnotations()).containsEntry("metallb.universe.tf/address-pool", "public");
        assertThat(s.getSpec().getPorts()).hasSize(10).allSatisfy(p -> {
            assertThat(p.getProtocol()).isEqualTo("UDP");
            assertThat(p.getTargetPort().getIntVal()).isEqualTo(p.getPort());
            assertThat(p.getNodePort()).isNull();
            assertThat(p.getName().length()).isLessThanOrEqualTo(15);
        });
        assertThat(s.getSpec().getPorts()).extracting(ServicePort::getPort).startsWith(9001).endsWith(9010);
        assertThat(s.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "server");
    }

    @Test
    void nodePortUsesTheTunnelPortsAsNodePorts() throws Exception {
        tunnel.getSpec().getExposure().setMode("NodePort");
        tunnel.getSpec().getExposure().setBasePort(31001);
        tunnel.getSpec().getExposure().setLoadBalancerIP("203.0.113.20");

        Service s = TunnelServiceBuilder.build(tunnel, plan());

        assertThat(s.getSpec().getType()).isEqualTo("NodePort");
        assertThat(s.getSpec().getLoadBalancerIP()).isNull();
        assertThat(s.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getNodePort()).isEqualTo(p.getPort()));
    }

    @Test
    void metricsServiceHasOnePortPerServerContainer() throws Exception {
        Service s = MetricsServiceBuilder.build(tunnel, plan());

        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c0-metrics", 9100),
                        org.assertj.core.groups.Tuple.tuple("c1-metrics", 9101));
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitorsScrapeEachMetricsPortAndCarryTheUsersLabels() throws Exception {
        tunnel.getSpec().getMetrics().setLabels(Map.of("release", "kube-prometheus", TunnelLabels.MANAGED_BY, "me"));
        TunnelPlan plan = plan();

        GenericKubernetesResource sm = MonitorBuilder.serviceMonitor(tunnel, plan);
        GenericKubernetesResource pm = MonitorBuilder.podMonitor(tunnel, plan);

        assertThat(sm.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(sm.getKind()).isEqualTo("ServiceMonitor");
        assertThat(sm.getMetadata().getLabels()).containsEntry("release", "kube-prometheus")
                .containsEntry(TunnelLabels.MANAGED_BY, TunnelLabels.OPERATOR);
        Map<String, Object> spec = (Map<String, Object>) sm.getAdditionalProperties().get("spec");
        assertThat((List<Map<String, Object>>) spec.get("endpoints")).extracting(e -> e.get("port"))
                .containsExactly("c0-metrics", "c1-metrics");
        assertThat(((Map<String, Map<String, String>>) spec.get("selector")).get("matchLabels"))
                .isEqualTo(MetricsServiceBuilder.build(tunnel, plan).getMetadata().getLabels().entrySet().stream()
                        .filter(e -> !e.getKey().equals(TunnelLabels.MANAGED_BY))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(pm.getKind()).isEqualTo("PodMonitor");
        assertThat((Map<String, Object>) pm.getAdditionalProperties().get("spec")).containsKey("podMetricsEndpoints");
    }

    private TunnelPlan plan() throws Exception {
        return TunnelPlanner.plan(tunnel.getSpec());
    }
}
