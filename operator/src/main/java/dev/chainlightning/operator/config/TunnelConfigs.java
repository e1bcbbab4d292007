package dev.chainlightning.operator.config;

import dev.chainlightning.operator.keys.TunnelKeys;
import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.TunnelPlan;
import java.util.List;

/**
 * The two config.toml files of one client's tunnel, in tunnel-core's format (docs/CONFIG.md): the
 * server container's and the gateway's. They differ only where the ends differ.
 */
public final class TunnelConfigs {
    /** Written when the spec names no source addresses; CL_SOURCE_IPS replaces it (client image entrypoint). */
    public static final String SOURCE_IP_PLACEHOLDER = "192.0.2.1";

    private TunnelConfigs() {
    }

    public static String server(TunnelPlan plan, ClientPlan client, TunnelKeys keys) {
        TomlText toml = new TomlText()
                .comment("Server side of client " + client.name() + "; written by the ChainLightning operator.");
        general(toml, plan, client);
        toml.string("listen_ip", "0.0.0.0");
        toml.section("links")
                .integer("start_port", client.firstPort())
                .integer("port_count", client.portCount());
        performance(toml, plan);
        security(toml, keys, client, ContainerPaths.SERVER_KEY_FILE);
        // Reachable from Prometheus in the cluster; the pod's network is its own unless on the host network.
        toml.section("metrics").string("listen", "0.0.0.0:" + client.metricsPort());
        return toml.toString();
    }

    public static String client(TunnelPlan plan, ClientPlan client, TunnelKeys keys, String serverAddress) {
        TomlText toml = new TomlText()
                .comment("Client " + client.name() + " of a ChainLightning tunnel; written by the ChainLightning operator.")
                .comment("Put this file and private.key in /etc/chainlightning and run the chainlightning-client image.");
        toml.section("general").string("server_ip", serverAddress);
        generalTun(toml, plan, client);
        toml.section("links");
        if (client.sourceIps().isEmpty()) {
            toml.comment("Placeholder: list this gateway's WAN addresses, or run with CL_SOURCE_IPS=auto.");
        }
        toml.strings("source_ips", client.sourceIps().isEmpty() ? List.of(SOURCE_IP_PLACEHOLDER) : client.sourceIps())
                .integer("start_port", client.firstPort())
                .integer("port_count", client.portCount())
                .integer("links_per_wan", client.linksPerWan());
        performance(toml, plan);
        security(toml, keys, client, ContainerPaths.CLIENT_KEY_FILE);
        toml.section("metrics").string("listen", "127.0.0.1:9100");
        return toml.toString();
    }

    private static void general(TomlText toml, TunnelPlan plan, ClientPlan client) {
        toml.section("general");
        generalTun(toml, plan, client);
    }

    private static void generalTun(TomlText toml, TunnelPlan plan, ClientPlan client) {
        toml.string("tun_name", client.tunName())
                .string("tun_local_ip", client.clientTunIp())
                .string("tun_remote_ip", client.serverTunIp())
                .string("tun_netmask", client.netmask());
        if (plan.mtu() != 0) {
            toml.integer("mtu", plan.mtu());
        }
    }

    private static void performance(TomlText toml, TunnelPlan plan) {
        toml.section("performance")
                .integer("fec_group_size", plan.fec().groupSize())
                .integer("fec_repair_packets", plan.fec().repairPackets())
                .string("fec_mode", plan.fec().mode());
    }

    private static void security(TomlText toml, TunnelKeys keys, ClientPlan client, String privateKeyFile) {
        toml.section("security")
                .string("private_key_file", privateKeyFile)
                .string("server_public_key", keys.server().publicKey().toBase64())
                .string("client_public_key", keys.client(client.name()).publicKey().toBase64());
    }
}
