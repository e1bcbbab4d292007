package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the user asks for. Unset fields take the defaults named in their descriptions. */
public class BondedTunnelSpec {
    public static final String DEFAULT_IMAGE = "chainlightning-server:local";

    @JsonPropertyDescription("Server image (default " + DEFAULT_IMAGE + ", as bin/build-images tags it; load it into"
            + " the cluster's nodes or push it to a registry).")
    private String image;

    @JsonPropertyDescription("Image pull policy of the server containers (default IfNotPresent).")
    private String imagePullPolicy;

    @JsonPropertyDescription("How clients reach the server's UDP ports.")
    private ExposureSpec exposure = new ExposureSpec();

    @JsonPropertyDescription("Node labels the server pod must match (pin it to the node whose address clients use).")
    private Map<String, String> nodeSelector = new LinkedHashMap<>();

    @JsonPropertyDescription("Tolerations of the server pod.")
    private List<Toleration> tolerations = new ArrayList<>();

    @JsonPropertyDescription("Settings of the tunnel itself: MTU, TUN addresses and names, forward error correction.")
    private TunnelSettings tunnel = new TunnelSettings();

    @JsonPropertyDescription("How the server containers get /dev/net/tun.")
    private TunDeviceSpec tunDevice = new TunDeviceSpec();

    @JsonPropertyDescription("The gateways that connect to this server, each with its own key, port block, TUN"
            + " subnet and client config Secret. The tunnel server accepts exactly one client key, so the pod runs one"
            + " server container per client: client i listens on exposure.basePort + i * exposure.portCount and the"
            + " following portCount - 1 ports, uses TUN device <tunNamePrefix><i>, the i-th /30 of"
            + " tunnel.addressPool and metrics port metrics.port + i.")
    private List<ClientSpec> clients = new ArrayList<>();

    @JsonPropertyDescription("When keys are replaced. To replace them now, set the annotation"
            + " chainlightning.dev/rotate-keys to a new value. Rotation replaces the server's and every client's key:"
            + " clients need their new config Secret.")
    private KeyRotationSpec keyRotation = new KeyRotationSpec();

    @JsonPropertyDescription("Prometheus endpoint of each server container and optional ServiceMonitor/PodMonitor.")
    private MetricsSpec metrics = new MetricsSpec();

    @JsonPropertyDescription("CPU and memory of each server container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("True stops the tunnel (the Deployment is scaled to 0); keys, Services and client"
            + " configs stay.")
    private Boolean paused;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public ExposureSpec getExposure() {
        return exposure;
    }

    public void setExposure(ExposureSpec exposure) {
        this.exposure = exposure;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public TunnelSettings getTunnel() {
        return tunnel;
    }

    public void setTunnel(TunnelSettings tunnel) {
        this.tunnel = tunnel;
    }

    public TunDeviceSpec getTunDevice() {
        return tunDevice;
    }

    public void setTunDevice(TunDeviceSpec tunDevice) {
        this.tunDevice = tunDevice;
    }

    public List<ClientSpec> getClients() {
        return clients;
    }

    public void setClients(List<ClientSpec> clients) {
        this.clients = clients;
    }

    public KeyRotationSpec getKeyRotation() {
        return keyRotation;
    }

    public void setKeyRotation(KeyRotationSpec keyRotation) {
        this.keyRotation = keyRotation;
    }

    public MetricsSpec getMetrics() {
        return metrics;
    }

    public void setMetrics(MetricsSpec metrics) {
        this.metrics = metrics;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }
}
