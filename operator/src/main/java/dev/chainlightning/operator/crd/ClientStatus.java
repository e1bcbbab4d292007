package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One client as the operator set it up. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClientStatus {
    private String name;

    @JsonPropertyDescription("Secret with config.toml and private.key for the client image; absent until the"
            + " endpoint address is known.")
    private String configSecret;

    @JsonPropertyDescription("UDP ports of this client's server container, first-last.")
    private String ports;

    @JsonPropertyDescription("Server address inside this client's tunnel.")
    private String serverTunnelIP;

    @JsonPropertyDescription("Client address inside its tunnel.")
    private String clientTunnelIP;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getConfigSecret() {
        return configSecret;
    }

    public void setConfigSecret(String configSecret) {
        this.configSecret = configSecret;
    }

    public String getPorts() {
        return ports;
    }

    public void setPorts(String ports) {
        this.ports = ports;
    }

    public String getServerTunnelIP() {
        return serverTunnelIP;
    }

    public void setServerTunnelIP(String serverTunnelIP) {
        this.serverTunnelIP = serverTunnelIP;
    }

    public String getClientTunnelIP() {
        return clientTunnelIP;
    }

    public void setClientTunnelIP(String clientTunnelIP) {
        this.clientTunnelIP = clientTunnelIP;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientStatus c && Objects.equals(name, c.name)
                && Objects.equals(configSecret, c.configSecret) && Objects.equals(ports, c.ports)
                && Objects.equals(serverTunnelIP, c.serverTunnelIP) && Objects.equals(clientTunnelIP, c.clientTunnelIP);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, configSecret, ports, serverTunnelIP, clientTunnelIP);
    }
}
