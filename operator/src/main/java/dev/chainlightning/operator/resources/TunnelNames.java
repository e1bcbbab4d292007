package dev.chainlightning.operator.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Names of everything the operator makes for one BondedTunnel, in one place for the code and the tests. */
public final class TunnelNames {
    private TunnelNames() {
    }

    public static String keysSecret(HasMetadata tunnel) {
        return tunnel.getMetadata().getName() + "-keys";
    }

    public static String serverConfig(HasMetadata tunnel) {
        return tunnel.getMetadata().getName() + "-server-config";
    }

    public static String deployment(HasMetadata tunnel) {
        return tunnel.getMetadata().getName() + "-server";
    }

    public static String tunnelService(HasMetadata tunnel) {
        return tunnel.getMetadata().getName() + "-tunnel";
    }

    public static String metricsService(HasMetadata tunnel) {
        return tunnel.getMetadata().getName() + "-metrics";
    }

    public static String monitor(HasMetadata tunnel) {
        return tunnel.getMetadata().getName();
    }

    public static String clientSecret(HasMetadata tunnel, String clientName) {
        return tunnel.getMetadata().getName() + "-" + clientName + "-client";
    }

    /** Service and container port names are IANA service names: at most 15 characters, hence indexes. */
    public static String udpPort(int clientIndex, int portIndex) {
        return "c" + clientIndex + "-udp" + portIndex;
    }

    public static String metricsPort(int clientIndex) {
        return "c" + clientIndex + "-metrics";
    }

    public static String serverContainer(String clientName) {
        return "server-" + clientName;
    }
}
