package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.keys.TunnelKeys;
import dev.chainlightning.operator.plan.TunnelPlan;
import java.util.Map;

/**
 * Everything one reconcile decided before any object is written: the plan, the keys, and the rendered (and
 * checked) configs. The resource builders read only this, so each reconcile writes one consistent picture.
 *
 * @param serverConfigs each client's server config.toml, by client name
 * @param configHash    digest of the server configs, in the pod template so a config change rolls the pod
 * @param address       the address clients send to, null while unknown
 * @param clientConfigs each client's config.toml, by client name; empty while the address is unknown
 */
public record TunnelState(TunnelPlan plan, TunnelKeys keys, Map<String, String> serverConfigs, String configHash,
                          String address, Map<String, String> clientConfigs) {

    public TunnelState {
        serverConfigs = Map.copyOf(serverConfigs);
        clientConfigs = Map.copyOf(clientConfigs);
    }
}
