package dev.chainlightning.operator.plan;

import dev.chainlightning.operator.crd.BondedTunnelSpec;
import dev.chainlightning.operator.crd.ClientSpec;
import dev.chainlightning.operator.crd.ExposureSpec;
import dev.chainlightning.operator.crd.FecSpec;
import dev.chainlightning.operator.crd.KeyRotationSpec;
import dev.chainlightning.operator.crd.MetricsSpec;
import dev.chainlightning.operator.crd.TunDeviceSpec;
import dev.chainlightning.operator.crd.TunnelSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a spec into a {@link TunnelPlan}: fills in the defaults and checks every value, collecting all
 * problems so one status message lists them together.
 */
public final class TunnelPlanner {
    public static final int DEFAULT_BASE_PORT = 9001;
    public static final int DEFAULT_PORT_COUNT = 5;
    public static final int DEFAULT_METRICS_PORT = 9100;
    public static final String DEFAULT_ADDRESS_POOL = "10.99.0.0/24";
    public static final String DEFAULT_TUN_PREFIX = "cl";
    public static final String DEFAULT_TUN_RESOURCE = "squat.ai/tun";

    /** A client's name ends up in Secret, container and label values: a DNS label, kept short. */
    private static final Pattern CLIENT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");
    private static final Pattern TUN_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,12}");
    private static final int LAST_PORT = 65535;

    private final List<SpecProblem> problems = new ArrayList<>();

    private TunnelPlanner() {
    }

    public static TunnelPlan plan(BondedTunnelSpec spec) throws InvalidSpecException {
        TunnelPlanner planner = new TunnelPlanner();
        TunnelPlan plan = planner.build(spec == null ? new BondedTunnelSpec() : spec);
        if (!planner.problems.isEmpty()) {
            throw new InvalidSpecException(planner.problems);
        }
        return plan;
    }

    private TunnelPlan build(BondedTunnelSpec spec) {
        ExposureSpec exposure = orNew(spec.getExposure(), ExposureSpec::new);
        TunnelSettings tunnel = orNew(spec.getTunnel(), TunnelSettings::new);
        MetricsSpec metrics = orNew(spec.getMetrics(), MetricsSpec::new);
        TunDeviceSpec tun = orNew(spec.getTunDevice(), TunDeviceSpec::new);

        String image = or(spec.getImage(), BondedTunnelSpec.DEFAULT_IMAGE);
        if (image.isBlank()) {
            problem("InvalidImage", "spec.image is empty");
        }
        String pullPolicy = oneOf("spec.imagePullPolicy", "InvalidImagePullPolicy",
                or(spec.getImagePullPolicy(), "IfNotPresent"), "Always", "IfNotPresent", "Never");
        ExposureMode mode = enumValue(ExposureMode.class, "spec.exposure.mode", "UnknownExposureMode",
                or(exposure.getMode(), ExposureMode.LoadBalancer.name()));
        TunDeviceMode tunMode = enumValue(TunDeviceMode.class, "spec.tunDevice.mode", "UnknownTunDeviceMode",
                or(tun.getMode(), TunDeviceMode.HostDevice.name()));
        String trafficPolicy = oneOf("spec.exposure.externalTrafficPolicy", "InvalidExternalTrafficPolicy",
                or(exposure.getExternalTrafficPolicy(), "Local"), "Local", "Cluster");
        String advertised = exposure.getAdvertisedAddress();
        if (advertised != null && !IpLiteral.isValid(advertised)) {
            problem("InvalidAdvertisedAddress", "spec.exposure.advertisedAddress '" + advertised
                    + "' is not an IP address (the tunnel's server_ip takes IP literals only)");
        }

        int basePort = or(exposure.getBasePort(), DEFAULT_BASE_PORT);
        int portCount = or(exposure.getPortCount(), DEFAULT_PORT_COUNT);
        boolean portsValid = checkPorts(basePort, portCount, size(spec.getClients()));
        int metricsPort = or(metrics.getPort(), DEFAULT_METRICS_PORT);
        checkMetricsPort(metricsPort, size(spec.getClients()));

        int mtu = or(tunnel.getMtu(), 0);
        if (mtu != 0 && (mtu < 576 || mtu > 9000)) {
            problem("InvalidTunnelSettings", "spec.tunnel.mtu must be 0 (automatic) or 576..9000, got " + mtu);
        }
        FecPlan fec = fec(orNew(tunnel.getFec(), FecSpec::new));
        String prefix = or(tunnel.getTunNamePrefix(), DEFAULT_TUN_PREFIX);
        if (!TUN_PREFIX.matcher(prefix).matches()) {
            problem("InvalidTunnelSettings", "spec.tunnel.tunNamePrefix '" + prefix
                    + "' must be 1..12 characters from A-Z a-z 0-9 _ . -");
        }
        AddressPool pool = addressPool(or(tunnel.getAddressPool(), DEFAULT_ADDRESS_POOL), size(spec.getClients()));
        Duration rotation = rotation(orNew(spec.getKeyRotation(), KeyRotationSpec::new));

        List<ClientPlan> clients = portsValid && pool != null
                ? clients(spec.getClients(), basePort, portCount, prefix, pool, metricsPort) : List.of();
        checkClientNames(spec.getClients());
        if (!problems.isEmpty()) {
            return null;
        }
        return new TunnelPlan(image, pullPolicy, mode, basePort, portCount, trafficPolicy,
                exposure.getLoadBalancerIP(), exposure.getLoadBalancerClass(), or(exposure.getAnnotations(), Map.of()),
                advertised, or(spec.getNodeSelector(), Map.of()), or(spec.getTolerations(), List.of()), mtu, fec,
                tunMode, or(tun.getResourceName(), DEFAULT_TUN_RESOURCE), clients, rotation, metricsPort,
                Boolean.TRUE.equals(metrics.getServiceMonitor()), Boolean.TRUE.equals(metrics.getPodMonitor()),
                or(metrics.getLabels(), Map.of()), spec.getResources(), Boolean.TRUE.equals(spec.getPaused()));
    }

    private boolean checkPorts(int basePort, int portCount, int clientCount) {
        if (basePort < 1 || basePort > LAST_PORT) {
            problem("InvalidPorts", "spec.exposure.basePort must be 1..65535, got " + basePort);
            return false;
        }
        if (portCount < 1) {
            problem("InvalidPorts", "spec.exposure.portCount must be at least 1, got " + portCount);
            return false;
        }
        long last = basePort + (long) Math.max(clientCount, 1) * portCount - 1;
        if (last > LAST_PORT) {
            problem("InvalidPorts", clientCount + " client(s) x " + portCount + " ports from " + basePort
                    + " end at " + last + ", past the last port 65535");
            return false;
        }
        return true;
    }

    private void checkMetricsPort(int port, int clientCount) {
        if (port < 1 || port + (long) Math.max(clientCount, 1) - 1 > LAST_PORT) {
            problem("InvalidMetricsPort", "spec.metrics.port " + port + " (+ one per client) must stay within 1..65535");
        }
    }

    private FecPlan fec(FecSpec fec) {
        String mode = oneOf("spec.tunnel.fec.mode", "InvalidFec", or(fec.getMode(), "adaptive"), "adaptive", "fixed");
        int group = or(fec.getGroupSize(), 10);
        int repair = or(fec.getRepairPackets(), 3);
        if (group < 1 || group > 64) {
            problem("InvalidFec", "spec.tunnel.fec.groupSize must be 1..64, got " + group);
        }
        if (repair < 0 || repair > 32) {
            problem("InvalidFec", "spec.tunnel.fec.repairPackets must be 0..32, got " + repair);
        }
        return new FecPlan(mode, group, repair);
    }

    private AddressPool addressPool(String cidr, int clientCount) {
        try {
            AddressPool pool = AddressPool.parse(cidr);
            if (pool.capacity() < clientCount) {
                problem("InvalidTunnelSettings", "spec.tunnel.addressPool " + cidr + " holds " + pool.capacity()
                        + " client /30s, " + clientCount + " clients are listed");
                return null;
            }
            return pool;
        } catch (IllegalArgumentException e) {
            problem("InvalidTunnelSettings", "spec.tunnel.addressPool: " + e.getMessage());
            return null;
        }
    }

    private Duration rotation(KeyRotationSpec spec) {
        if (spec.getInterval() == null || spec.getInterval().isBlank()) {
            return null;
        }
        try {
            return Intervals.parse(spec.getInterval());
        } catch (IllegalArgumentException e) {
            problem("InvalidKeyRotation", "spec.keyRotation.interval: " + e.getMessage());
            return null;
        }
    }

    private void checkClientNames(List<ClientSpec> clients) {
        if (clients == null || clients.isEmpty()) {
            problem("NoClients", "spec.clients is empty; list at least one gateway");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (ClientSpec c : clients) {
            String name = c == null ? null : c.getName();
            if (name == null || !CLIENT_NAME.matcher(name).matches()) {
                problem("InvalidClientName", "client name '" + name
                        + "' must be 1..40 characters of a-z, 0-9 and '-', starting and ending with a letter or digit");
            } else if (!seen.add(name)) {
                problem("DuplicateClientName", "client name '" + name + "' is listed more than once");
            }
        }
    }

    private List<ClientPlan> clients(List<ClientSpec> specs, int basePort, int portCount, String prefix,
                                     AddressPool pool, int metricsPort) {
        List<ClientPlan> plans = new ArrayList<>();
        for (int i = 0; specs != null && i < specs.size(); i++) {
            ClientSpec c = Objects.requireNonNullElseGet(specs.get(i), ClientSpec::new);
            String field = "spec.clients[" + i + "]";
            List<String> sourceIps = or(c.getSourceIPs(), List.<String>of());
            for (String ip : sourceIps) {
                if (!IpLiteral.isValid(ip)) {
                    problem("InvalidSourceIP", field + ".sourceIPs: '" + ip + "' is not an IP address");
                }
            }
            if (new HashSet<>(sourceIps).size() != sourceIps.size()) {
                problem("InvalidSourceIP", field + ".sourceIPs lists an address twice");
            }
            int linksPerWan = or(c.getLinksPerWan(), 1);
            if (linksPerWan < 1 || linksPerWan > 16) {
                problem("InvalidClientSettings", field + ".linksPerWan must be 1..16, got " + linksPerWan);
            }
            plans.add(new ClientPlan(c.getName(), i, basePort + i * portCount, portCount, prefix + i,
                    pool.serverAddress(i), pool.clientAddress(i), AddressPool.SUBNET_MASK, metricsPort + i,
                    sourceIps, linksPerWan));
        }
        return plans;
    }

    private String oneOf(String field, String reason, String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            problem(reason, field + " '" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String field, String reason, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        problem(reason, field + " '" + value + "' is not one of "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        return null;
    }

    private void problem(String reason, String message) {
        problems.add(new SpecProblem(reason, message));
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static <T> T orNew(T value, java.util.function.Supplier<T> fresh) {
        return value != null ? value : fresh.get();
    }
}
