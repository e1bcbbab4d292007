package dev.chainlightning.operator.plan;

/** How the tunnel ports reach the outside; the names are the spec's values. */
public enum ExposureMode {
    HostNetwork,
    LoadBalancer,
    NodePort
}
