package dev.chainlightning.operator.plan;

import java.util.List;

/**
 * One client's share of the server pod: its own server container, port block, TUN device and subnet.
 *
 * @param index       position in spec.clients, which fixes the port block, TUN name and subnet
 * @param sourceIps   the gateway's WAN addresses, empty when the user leaves them to CL_SOURCE_IPS
 */
public record ClientPlan(String name, int index, int firstPort, int portCount, String tunName, String serverTunIp,
                         String clientTunIp, String netmask, int metricsPort, List<String> sourceIps,
                         int linksPerWan) {

    public ClientPlan {
        sourceIps = List.copyOf(sourceIps);
    }

    public int lastPort() {
        return firstPort + portCount - 1;
    }

    /** "9001-9005", as status and docs show a port block. */
    public String portRange() {
        return firstPort + "-" + lastPort();
    }
}
