package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** How clients reach the server's UDP ports. */
public class ExposureSpec {
    @JsonPropertyDescription("HostNetwork (the pod uses the node's network; no Service for the tunnel ports),"
            + " LoadBalancer (default; a UDP LoadBalancer Service) or NodePort (a NodePort Service whose node ports"
            + " are the tunnel ports themselves, so basePort must lie in the cluster's node port range, by default"
            + " 30000-32767).")
    private String mode;

    @JsonPropertyDescription("First UDP port (default 9001).")
    private Integer basePort;

    @JsonPropertyDescription("UDP ports per client (default 5): a client's links spread over them.")
    private Integer portCount;

    @JsonPropertyDescription("externalTrafficPolicy of the tunnel Service (default Local: no extra hop and the"
            + " gateway's own source addresses reach the server).")
    private String externalTrafficPolicy;

    @JsonPropertyDescription("Passed to the LoadBalancer Service's spec.loadBalancerIP (where the cloud supports it).")
    private String loadBalancerIP;

    @JsonPropertyDescription("Passed to the LoadBalancer Service's spec.loadBalancerClass.")
    private String loadBalancerClass;

    @JsonPropertyDescription("Annotations of the tunnel Service (cloud load balancer settings).")
    private Map<String, String> annotations = new LinkedHashMap<>();

    @JsonPropertyDescription("The IP address clients send to, written into their configs. Without it: the load"
            + " balancer's address (LoadBalancer) or the external, else internal, address of the server pod's node"
            + " (HostNetwork, NodePort).")
    private String advertisedAddress;

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Integer getBasePort() {
        return basePort;
    }

    public void setBasePort(Integer basePort) {
        this.basePort = basePort;
    }

    public Integer getPortCount() {
        return portCount;
    }

    public void setPortCount(Integer portCount) {
        this.portCount = portCount;
    }

    public String getExternalTrafficPolicy() {
        return externalTrafficPolicy;
    }

    public void setExternalTrafficPolicy(String externalTrafficPolicy) {
        this.externalTrafficPolicy = externalTrafficPolicy;
    }

    public String getLoadBalancerIP() {
        return loadBalancerIP;
    }

    public void setLoadBalancerIP(String loadBalancerIP) {
        this.loadBalancerIP = loadBalancerIP;
    }

    public String getLoadBalancerClass() {
        return loadBalancerClass;
    }

    public void setLoadBalancerClass(String loadBalancerClass) {
        this.loadBalancerClass = loadBalancerClass;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public String getAdvertisedAddress() {
        return advertisedAddress;
    }

    public void setAdvertisedAddress(String advertisedAddress) {
        this.advertisedAddress = advertisedAddress;
    }
}
