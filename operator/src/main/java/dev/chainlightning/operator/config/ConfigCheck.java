package dev.chainlightning.operator.config;

import dev.chainlightning.config.ConfigException;
import dev.chainlightning.config.ConfigLoader;
import dev.chainlightning.config.Role;

/**
 * Loads a config the operator wrote with tunnel-core's own {@link ConfigLoader}, so a config the tunnel would
 * refuse is caught here and reported in status instead of crash-looping a pod.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    /** Throws the loader's one-line error; source addresses are the gateway's, not this host's, so any is taken. */
    public static void verify(String toml, Role role) throws ConfigException {
        String label = role == Role.SERVER ? "server config.toml" : "client config.toml";
        ConfigLoader.parse(toml, ContainerPaths.CLIENT_DIR + "/" + label, role, address -> true);
    }
}
