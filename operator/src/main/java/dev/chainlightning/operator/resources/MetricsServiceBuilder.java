package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.TunnelPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

/** A ClusterIP Service with each server container's metrics port, for Prometheus and ServiceMonitors. */
public final class MetricsServiceBuilder {
    public static final String COMPONENT = "metrics";

    private MetricsServiceBuilder() {
    }

    public static Service build(HasMetadata tunnel, TunnelPlan plan) {
        return new ServiceBuilder()
                .withMetadata(TunnelLabels.metadata(tunnel, TunnelNames.metricsService(tunnel), COMPONENT))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(TunnelLabels.selector(tunnel, ServerDeploymentBuilder.COMPONENT))
                .withPorts(plan.clients().stream().map(MetricsServiceBuilder::port).toList())
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort port(ClientPlan client) {
        return new ServicePortBuilder()
                .withName(TunnelNames.metricsPort(client.index()))
                .withProtocol("TCP")
                .withPort(client.metricsPort())
                .withTargetPort(new IntOrString(client.metricsPort()))
                .build();
    }
}
