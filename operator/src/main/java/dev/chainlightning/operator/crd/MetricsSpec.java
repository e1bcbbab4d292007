package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prometheus scraping of the server containers (docs/METRICS.md). */
public class MetricsSpec {
    @JsonPropertyDescription("Metrics port of the first server container (default 9100); client i's container uses"
            + " port + i. With HostNetwork these are node ports: avoid node_exporter's 9100 there.")
    private Integer port;

    @JsonPropertyDescription("Create a ServiceMonitor (monitoring.coreos.com/v1) for the metrics Service, when that"
            + " CRD exists in the cluster.")
    private Boolean serviceMonitor;

    @JsonPropertyDescription("Create a PodMonitor (monitoring.coreos.com/v1) for the server pod, when that CRD exists"
            + " in the cluster.")
    private Boolean podMonitor;

    @JsonPropertyDescription("Extra labels of the ServiceMonitor/PodMonitor, e.g. the release label your"
            + " Prometheus selects monitors by.")
    private Map<String, String> labels = new LinkedHashMap<>();

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Boolean getServiceMonitor() {
        return serviceMonitor;
    }

    public void setServiceMonitor(Boolean serviceMonitor) {
        this.serviceMonitor = serviceMonitor;
    }

    public Boolean getPodMonitor() {
        return podMonitor;
    }

    public void setPodMonitor(Boolean podMonitor) {
        this.podMonitor = podMonitor;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }
}
