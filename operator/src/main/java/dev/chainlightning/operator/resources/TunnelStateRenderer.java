package dev.chainlightning.operator.resources;

import dev.chainlightning.config.ConfigException;
import dev.chainlightning.config.Role;
import dev.chainlightning.operator.config.ConfigCheck;
import dev.chainlightning.operator.config.TunnelConfigs;
import dev.chainlightning.operator.keys.TunnelKeys;
import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.TunnelPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Writes every config of a tunnel and loads each back with tunnel-core's loader before anything is applied. */
public final class TunnelStateRenderer {
    private TunnelStateRenderer() {
    }

    /**
     * @param address where clients send to; null leaves the client configs out until it is known
     * @throws ConfigException when the tunnel would refuse a config (then nothing is written)
     */
    public static TunnelState render(TunnelPlan plan, TunnelKeys keys, String address) throws ConfigException {
        Map<String, String> server = new TreeMap<>();
        Map<String, String> clients = new TreeMap<>();
        for (ClientPlan client : plan.clients()) {
            String serverToml = TunnelConfigs.server(plan, client, keys);
            ConfigCheck.verify(serverToml, Role.SERVER);
            server.put(client.name(), serverToml);
            if (address != null) {
                String clientToml = TunnelConfigs.client(plan, client, keys, address);
                ConfigCheck.verify(clientToml, Role.CLIENT);
                clients.put(client.name(), clientToml);
            }
        }
        return new TunnelState(plan, keys, server, digest(server), address, clients);
    }

    private static String digest(Map<String, String> configs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            configs.forEach((name, toml) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(toml.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
