package dev.chainlightning.operator.config;

/** Where files sit inside the server and client containers; the configs name them, the volumes put them there. */
public final class ContainerPaths {
    /** The server pod: the keys Secret's server key only. */
    public static final String SERVER_KEYS_DIR = "/etc/chainlightning/keys";
    public static final String SERVER_KEY_FILE = SERVER_KEYS_DIR + "/server.key";
    /** The server pod: the ConfigMap with one config per client. */
    public static final String SERVER_CONFIG_DIR = "/etc/chainlightning/config";
    /** The client image reads this directory (README, "In containers"). */
    public static final String CLIENT_DIR = "/etc/chainlightning";
    public static final String CLIENT_KEY_FILE = CLIENT_DIR + "/private.key";

    private ContainerPaths() {
    }

    /** The ConfigMap entry (and file name) of the server config for one client. */
    public static String serverConfigEntry(String clientName) {
        return clientName + ".toml";
    }
}
