package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.TunnelPlan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * prometheus-operator's ServiceMonitor and PodMonitor, built as generic resources so the operator needs no
 * prometheus-operator library and runs in clusters without those CRDs.
 */
public final class MonitorBuilder {
    public static final String API_VERSION = "monitoring.coreos.com/v1";
    public static final String SERVICE_MONITOR = "ServiceMonitor";
    public static final String POD_MONITOR = "PodMonitor";
    private static final String SCRAPE_INTERVAL = "30s";

    private MonitorBuilder() {
    }

    /** Scrapes each metrics port of the metrics Service. */
    public static GenericKubernetesResource serviceMonitor(HasMetadata tunnel, TunnelPlan plan) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", TunnelLabels.selector(tunnel, MetricsServiceBuilder.COMPONENT)));
        spec.put("endpoints", endpoints(plan));
        return monitor(tunnel, plan, SERVICE_MONITOR, spec);
    }

    /** Scrapes each server container's metrics port directly, for setups that watch pods rather than Services. */
    public static GenericKubernetesResource podMonitor(HasMetadata tunnel, TunnelPlan plan) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", TunnelLabels.selector(tunnel, ServerDeploymentBuilder.COMPONENT)));
        spec.put("podMetricsEndpoints", endpoints(plan));
        return monitor(tunnel, plan, POD_MONITOR, spec);
    }

    private static List<Map<String, Object>> endpoints(TunnelPlan plan) {
        return plan.clients().stream().map(MonitorBuilder::endpoint).toList();
    }

    private static Map<String, Object> endpoint(ClientPlan client) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", TunnelNames.metricsPort(client.index()));
        endpoint.put("path", "/metrics");
        endpoint.put("interval", SCRAPE_INTERVAL);
        return endpoint;
    }

    private static GenericKubernetesResource monitor(HasMetadata tunnel, TunnelPlan plan, String kind,
                                                     Map<String, Object> spec) {
        // The user's labels (such as the release label Prometheus selects by) first: ours must win.
        Map<String, String> labels = new LinkedHashMap<>(plan.monitorLabels());
        labels.putAll(TunnelLabels.of(tunnel, MetricsServiceBuilder.COMPONENT));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(kind)
                .withNewMetadata()
                .withName(TunnelNames.monitor(tunnel))
                .withNamespace(tunnel.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
