package dev.chainlightning.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed. Per-link figures stay in Prometheus. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BondedTunnelStatus {
    @JsonPropertyDescription("The spec generation this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, KeysReady, Exposed and Degraded.")
    private List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("address:firstPort-lastPort clients send to.")
    private String endpoint;

    @JsonPropertyDescription("The IP address clients send to.")
    private String address;

    @JsonPropertyDescription("Name of the Secret holding all private keys.")
    private String keysSecret;

    @JsonPropertyDescription("When the current keys were made (RFC 3339).")
    private String keysCreatedAt;

    @JsonPropertyDescription("Each client's ports, tunnel addresses and config Secret.")
    private List<ClientStatus> clients = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getKeysSecret() {
        return keysSecret;
    }

    public void setKeysSecret(String keysSecret) {
        this.keysSecret = keysSecret;
    }

    public String getKeysCreatedAt() {
        return keysCreatedAt;
    }

    public void setKeysCreatedAt(String keysCreatedAt) {
        this.keysCreatedAt = keysCreatedAt;
    }

    public List<ClientStatus> getClients() {
        return clients;
    }

    public void setClients(List<ClientStatus> clients) {
        this.clients = clients;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BondedTunnelStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(conditions, s.conditions) && Objects.equals(endpoint, s.endpoint)
                && Objects.equals(address, s.address) && Objects.equals(keysSecret, s.keysSecret)
                && Objects.equals(keysCreatedAt, s.keysCreatedAt) && Objects.equals(clients, s.clients);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, endpoint, address, keysSecret, keysCreatedAt, clients);
    }
}
