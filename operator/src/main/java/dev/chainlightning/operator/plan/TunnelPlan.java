package dev.chainlightning.operator.plan;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated spec with every default filled in: what the resource builders work from, so none of them
 * has to know a default or check a value.
 *
 * @param rotationInterval null when keys are rotated only on demand
 * @param mtu              0 for automatic
 */
public record TunnelPlan(String image, String imagePullPolicy, ExposureMode exposure, int basePort, int portCount,
                         String externalTrafficPolicy, String loadBalancerIP, String loadBalancerClass,
                         Map<String, String> serviceAnnotations, String advertisedAddress,
                         Map<String, String> nodeSelector, List<Toleration> tolerations, int mtu, FecPlan fec,
                         TunDeviceMode tunDevice, String tunResourceName, List<ClientPlan> clients,
                         Duration rotationInterval, int metricsPort, boolean serviceMonitor, boolean podMonitor,
                         Map<String, String> monitorLabels, ResourceRequirements resources, boolean paused) {

    public TunnelPlan {
        serviceAnnotations = Map.copyOf(serviceAnnotations);
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        clients = List.copyOf(clients);
        monitorLabels = Map.copyOf(monitorLabels);
    }

    public boolean hostNetwork() {
        return exposure == ExposureMode.HostNetwork;
    }

    public int lastPort() {
        return clients.getLast().lastPort();
    }

    public List<String> clientNames() {
        return clients.stream().map(ClientPlan::name).toList();
    }
}
