package dev.chainlightning.operator.status;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.crd.BondedTunnelStatus;
import dev.chainlightning.operator.crd.ClientStatus;
import dev.chainlightning.operator.dependent.KeysSecretDependent;
import dev.chainlightning.operator.keys.KeyDecision;
import dev.chainlightning.operator.keys.KeyPolicy;
import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.resources.TunnelNames;
import dev.chainlightning.operator.resources.TunnelState;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns what a reconcile saw and did into the BondedTunnel's status. */
public final class StatusComposer {
    private StatusComposer() {
    }

    /**
     * A spec (or a config made from it) the tunnel cannot use: Ready=False with the reason; objects already
     * made are left as they are, so a running tunnel keeps running until the spec is fixed.
     */
    public static BondedTunnelStatus rejected(BondedTunnel tunnel, String reason, String message, Instant now) {
        BondedTunnelStatus previous = previous(tunnel);
        BondedTunnelStatus status = copyOutputs(previous);
        status.setObservedGeneration(generation(tunnel));
        status.setConditions(new Conditions(previous.getConditions(), generation(tunnel), now)
                .set(Conditions.READY, false, reason, message)
                .set(Conditions.KEYS_READY, "Unknown", "SpecRejected", "not evaluated while the spec is rejected")
                .set(Conditions.EXPOSED, "Unknown", "SpecRejected", "not evaluated while the spec is rejected")
                .set(Conditions.DEGRADED, true, reason, "the spec is rejected; existing objects are left unchanged")
                .build());
        return status;
    }

    /**
     * @param errors     what failed while applying the objects, by dependent name; empty when all went through
     * @param deployment the server Deployment as last seen
     * @param notes      remarks for the Ready message, such as a monitor that could not be made
     */
    public static BondedTunnelStatus applied(BondedTunnel tunnel, TunnelState state, KeyDecision keys,
                                             Endpoint endpoint, Optional<Deployment> deployment,
                                             Map<String, String> errors, List<String> notes,
                                             Instant now) {
        BondedTunnelStatus status = new BondedTunnelStatus();
        long generation = generation(tunnel);
        status.setObservedGeneration(generation);
        status.setKeysSecret(TunnelNames.keysSecret(tunnel));
        status.setKeysCreatedAt(keys.keys().createdAt().toString());
        status.setAddress(endpoint.address());
        status.setEndpoint(endpoint.known()
                ? endpoint.address() + ":" + state.plan().basePort() + "-" + state.plan().lastPort() : null);
        status.setClients(clients(tunnel, state));

        String errorText = errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        boolean keysOk = !errors.containsKey(KeysSecretDependent.NAME);
        Readiness server = Readiness.of(deployment, state.plan().paused());
        Conditions conditions = new Conditions(previous(tunnel).getConditions(), generation, now)
                .set(Conditions.KEYS_READY, keysOk, keysOk ? keys.reason() : "KeysSecretError",
                        keysOk ? keysMessage(keys, state) : errorText)
                .set(Conditions.EXPOSED, endpoint.known(), endpoint.reason(), endpoint.message());
        if (!errors.isEmpty()) {
            conditions.set(Conditions.READY, false, "ReconcileError", errorText);
        } else if (!endpoint.known()) {
            conditions.set(Conditions.READY, false, endpoint.reason(), endpoint.message());
        } else if (!server.available()) {
            conditions.set(Conditions.READY, false, server.reason(), server.message());
        } else {
            conditions.set(Conditions.READY, true, "TunnelReady", "clients connect to " + status.getEndpoint()
                    + " with the config in their Secret" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        }
        if (!errors.isEmpty()) {
            conditions.set(Conditions.DEGRADED, true, "ReconcileError", errorText);
        } else if (server.stuck()) {
            conditions.set(Conditions.DEGRADED, true, server.reason(), server.message());
        } else {
            conditions.set(Conditions.DEGRADED, false, "AsExpected", "nothing is failing");
        }
        status.setConditions(conditions.build());
        return status;
    }

    private static String keysMessage(KeyDecision keys, TunnelState state) {
        Instant next = KeyPolicy.nextRotation(keys.keys(), state.plan().rotationInterval());
        return "server public key " + keys.keys().server().publicKey() + ", " + keys.keys().clients().size()
                + " client key(s), made " + keys.keys().createdAt() + "; next rotation "
                + (next == null ? "on request (annotation chainlightning.dev/rotate-keys)" : next.toString());
    }

    private static List<ClientStatus> clients(BondedTunnel tunnel, TunnelState state) {
        List<ClientStatus> clients = new ArrayList<>();
        for (ClientPlan plan : state.plan().clients()) {
            ClientStatus c = new ClientStatus();
            c.setName(plan.name());
            c.setPorts(plan.portRange());
            c.setServerTunnelIP(plan.serverTunIp());
            c.setClientTunnelIP(plan.clientTunIp());
            c.setConfigSecret(state.clientConfigs().containsKey(plan.name())
                    ? TunnelNames.clientSecret(tunnel, plan.name()) : null);
            clients.add(c);
        }
        return clients;
    }

    /** Keeps what a rejected spec does not change: the objects are still there. */
    private static BondedTunnelStatus copyOutputs(BondedTunnelStatus previous) {
        BondedTunnelStatus status = new BondedTunnelStatus();
        status.setEndpoint(previous.getEndpoint());
        status.setAddress(previous.getAddress());
        status.setKeysSecret(previous.getKeysSecret());
        status.setKeysCreatedAt(previous.getKeysCreatedAt());
        status.setClients(previous.getClients());
        return status;
    }

    private static BondedTunnelStatus previous(BondedTunnel tunnel) {
        return tunnel.getStatus() == null ? new BondedTunnelStatus() : tunnel.getStatus();
    }

    private static long generation(BondedTunnel tunnel) {
        Long g = tunnel.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    /** How the server Deployment is doing. */
    record Readiness(boolean available, boolean stuck, String reason, String message) {
        static Readiness of(Optional<Deployment> deployment, boolean paused) {
            if (paused) {
                return new Readiness(false, false, "Paused", "spec.paused is true: the server is scaled to 0");
            }
            if (deployment.isEmpty() || deployment.get().getStatus() == null) {
                return new Readiness(false, false, "ServerStarting", "waiting for the server Deployment");
            }
            var status = deployment.get().getStatus();
            List<DeploymentCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
            for (DeploymentCondition c : conditions) {
                if ("Progressing".equals(c.getType()) && "False".equals(c.getStatus())) {
                    return new Readiness(false, true, "RolloutStuck", "server Deployment: " + c.getMessage());
                }
            }
            int available = status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
            if (available < 1) {
                return new Readiness(false, false, "ServerStarting", "waiting for the server pod to become ready");
            }
            return new Readiness(true, false, "ServerAvailable", "server pod is ready");
        }
    }
}
