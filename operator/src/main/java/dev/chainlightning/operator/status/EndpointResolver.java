package dev.chainlightning.operator.status;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.plan.TunnelPlan;
import dev.chainlightning.operator.resources.ServerDeploymentBuilder;
import dev.chainlightning.operator.resources.TunnelLabels;
import dev.chainlightning.operator.resources.TunnelNames;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/**
 * Finds the address clients send to: the advertised address when given, else the load balancer's, else the
 * address of the node running the server pod (HostNetwork, and NodePort with externalTrafficPolicy Local,
 * where only that node answers).
 */
public final class EndpointResolver {
    private final KubernetesClient client;

    public EndpointResolver(KubernetesClient client) {
        this.client = client;
    }

    public Endpoint resolve(BondedTunnel tunnel, TunnelPlan plan, Optional<Service> tunnelService) {
        if (plan.advertisedAddress() != null) {
            return new Endpoint(plan.advertisedAddress(), "AdvertisedAddress",
                    "clients use spec.exposure.advertisedAddress " + plan.advertisedAddress());
        }
        return switch (plan.exposure()) {
            case LoadBalancer -> loadBalancer(tunnel, tunnelService);
            case HostNetwork, NodePort -> nodeOrLastKnown(tunnel);
        };
    }

    private static Endpoint loadBalancer(BondedTunnel tunnel, Optional<Service> service) {
        String name = TunnelNames.tunnelService(tunnel);
        List<LoadBalancerIngress> ingress = service
                .map(Service::getStatus)
                .map(s -> s.getLoadBalancer() == null ? null : s.getLoadBalancer().getIngress())
                .orElse(List.of());
        for (LoadBalancerIngress i : ingress) {
            if (i.getIp() != null && !i.getIp().isBlank()) {
                return new Endpoint(i.getIp(), "LoadBalancerReady", "Service " + name + " has address " + i.getIp());
            }
        }
        if (!ingress.isEmpty()) {
            return new Endpoint(null, "LoadBalancerHostnameOnly", "Service " + name + " has only the host name "
                    + ingress.getFirst().getHostname() + "; the tunnel needs an IP: set spec.exposure.advertisedAddress");
        }
        return new Endpoint(null, "LoadBalancerPending", "waiting for Service " + name + " to get an external"
                + " address; the cluster needs a load balancer that supports UDP (a cloud provider, MetalLB,"
                + " kube-vip); see kubectl describe service " + name + ", or use exposure.mode NodePort or HostNetwork");
    }

    /** The pod's node; while there is none (pod restarting), the address in status still holds. */
    private Endpoint nodeOrLastKnown(BondedTunnel tunnel) {
        Optional<Endpoint> node = nodeAddress(tunnel);
        if (node.isPresent()) {
            return node.get();
        }
        String last = tunnel.getStatus() == null ? null : tunnel.getStatus().getAddress();
        if (last != null) {
            return new Endpoint(last, "LastKnownAddress", "server pod not scheduled; keeping the last node address " + last);
        }
        return new Endpoint(null, "NodeAddressPending", "waiting for the server pod to be scheduled to a node"
                + " (or set spec.exposure.advertisedAddress)");
    }

    private Optional<Endpoint> nodeAddress(BondedTunnel tunnel) {
        List<Pod> pods = client.pods().inNamespace(tunnel.getMetadata().getNamespace())
                .withLabels(TunnelLabels.selector(tunnel, ServerDeploymentBuilder.COMPONENT)).list().getItems();
        for (Pod pod : pods) {
            String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (nodeName == null || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Node node = client.nodes().withName(nodeName).get();
            Optional<String> address = node == null ? Optional.empty() : preferredAddress(node);
            if (address.isPresent()) {
                return Optional.of(new Endpoint(address.get(), "NodeAddress",
                        "clients use node " + nodeName + "'s address " + address.get()));
            }
        }
        return Optional.empty();
    }

    /** ExternalIP when the node has one (a cloud VM), else InternalIP (a VPS with a public address). */
    private static Optional<String> preferredAddress(Node node) {
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        for (String type : List.of("ExternalIP", "InternalIP")) {
            for (NodeAddress a : addresses) {
                if (type.equals(a.getType()) && a.getAddress() != null) {
                    return Optional.of(a.getAddress());
                }
            }
        }
        return Optional.empty();
    }
}
