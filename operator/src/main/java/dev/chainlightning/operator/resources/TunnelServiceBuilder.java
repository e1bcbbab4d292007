package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.ExposureMode;
import dev.chainlightning.operator.plan.TunnelPlan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP Service in front of the server pod (LoadBalancer or NodePort; none on the host network). Every
 * client's whole port block is exposed under the same numbers, since the client config names them.
 */
public final class TunnelServiceBuilder {
    public static final String COMPONENT = "tunnel";

    private TunnelServiceBuilder() {
    }

    public static Service build(HasMetadata tunnel, TunnelPlan plan) {
        boolean nodePort = plan.exposure() == ExposureMode.NodePort;
        boolean loadBalancer = plan.exposure() == ExposureMode.LoadBalancer;
        return new ServiceBuilder()
                .withMetadata(TunnelLabels.metadata(tunnel, TunnelNames.tunnelService(tunnel), COMPONENT))
                .editMetadata().withAnnotations(new java.util.LinkedHashMap<>(plan.serviceAnnotations())).endMetadata()
                .withNewSpec()
                .withType(plan.exposure().name())
                .withSelector(TunnelLabels.selector(tunnel, ServerDeploymentBuilder.COMPONENT))
                .withExternalTrafficPolicy(plan.externalTrafficPolicy())
                .withLoadBalancerIP(loadBalancer ? plan.loadBalancerIP() : null)
                .withLoadBalancerClass(loadBalancer ? plan.loadBalancerClass() : null)
                .withPorts(ports(plan, nodePort))
                .endSpec()
                .build();
    }

    private static List<ServicePort> ports(TunnelPlan plan, boolean nodePort) {
        List<ServicePort> ports = new ArrayList<>();
        for (ClientPlan client : plan.clients()) {
            for (int p = 0; p < client.portCount(); p++) {
                int port = client.firstPort() + p;
                ports.add(new ServicePortBuilder()
                        .withName(TunnelNames.udpPort(client.index(), p))
                        .withProtocol("UDP")
                        .withPort(port)
                        .withTargetPort(new IntOrString(port))
                        .withNodePort(nodePort ? port : null)
                        .build());
            }
        }
        return ports;
    }
}
