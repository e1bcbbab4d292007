package dev.chainlightning.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnelSpec;
import dev.chainlightning.operator.crd.ClientSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TunnelPlannerTest {

    @Test
    void defaultsGiveEachClientItsOwnPortBlockTunAndSubnet() throws Exception {
        TunnelPlan plan = TunnelPlanner.plan(spec("home", "office", "shop"));

        assertThat(plan.exposure()).isEqualTo(ExposureMode.LoadBalancer);
        assertThat(plan.externalTrafficPolicy()).isEqualTo("Local");
        assertThat(plan.tunDevice()).isEqualTo(TunDeviceMode.HostDevice);
        assertThat(plan.image()).isEqualTo(BondedTunnelSpec.DEFAULT_IMAGE);
        assertThat(plan.fec()).isEqualTo(new FecPlan("adaptive", 10, 3));
        assertThat(plan.rotationInterval()).isNull();
        assertThat(plan.clients()).extracting(ClientPlan::portRange, ClientPlan::tunName, ClientPlan::serverTunIp,
                ClientPlan::clientTunIp, ClientPlan::metricsPort).containsExactly(
                org.assertj.core.groups.Tuple.tuple("9001-9005", "cl0", "10.99.0.1", "10.99.0.2", 9100),
                org.assertj.core.groups.Tuple.tuple("9006-9010", "cl1", "10.99.0.5", "10.99.0.6", 9101),
                org.assertj.core.groups.Tuple.tuple("9011-9015", "cl2", "10.99.0.9", "10.99.0.10", 9102));
        assertThat(plan.lastPort()).isEqualTo(9015);
    }

    @Test
    void readsEverySetting() throws Exception {
        BondedTunnelSpec spec = spec("home");
        spec.getExposure().setMode("NodePort");
        spec.getExposure().setBasePort(30901);
        spec.getExposure().setPortCount(3);
        spec.getTunnel().setMtu(1400);
        spec.getTunnel().setAddressPool("172.30.4.0/28");
        spec.getTunnel().getFec().setMode("fixed");
        spec.getKeyRotation().setInterval("30d");
        spec.getTunDevice().setMode("Privileged");
        spec.setPaused(true);

        TunnelPlan plan = TunnelPlanner.plan(spec);

        assertThat(plan.exposure()).isEqualTo(ExposureMode.NodePort);
        assertThat(plan.clients().getFirst().portRange()).isEqualTo("30901-30903");
        assertThat(plan.clients().getFirst().serverTunIp()).isEqualTo("172.30.4.1");
        assertThat(plan.mtu()).isEqualTo(1400);
        assertThat(plan.fec().mode()).isEqualTo("fixed");
        assertThat(plan.rotationInterval()).isEqualTo(Duration.ofDays(30));
        assertThat(plan.tunDevice()).isEqualTo(TunDeviceMode.Privileged);
        assertThat(plan.paused()).isTrue();
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                invalid("InvalidPorts", "basePort must be 1..65535", s -> s.getExposure().setBasePort(70000)),
                invalid("InvalidPorts", "basePort must be 1..65535", s -> s.getExposure().setBasePort(0)),
                invalid("InvalidPorts", "portCount must be at least 1", s -> s.getExposure().setPortCount(0)),
                invalid("InvalidPorts", "past the last port 65535", s -> s.getExposure().setBasePort(65533)),
                invalid("UnknownExposureMode", "'Ingress' is not one of HostNetwork, LoadBalancer, NodePort",
                        s -> s.getExposure().setMode("Ingress")),
                invalid("DuplicateClientName", "'home' is listed more than once",
                        s -> s.getClients().add(new ClientSpec("home"))),
                invalid("InvalidClientName", "client name 'Home_1'", s -> s.getClients().add(new ClientSpec("Home_1"))),
                invalid("NoClients", "spec.clients is empty", s -> s.getClients().clear()),
                invalid("InvalidTunnelSettings", "holds 1 client /30s", s -> {
                    s.getTunnel().setAddressPool("10.99.0.0/30");
                    s.getClients().add(new ClientSpec("office"));
                }),
                invalid("InvalidTunnelSettings", "host bits set", s -> s.getTunnel().setAddressPool("10.99.0.1/24")),
                invalid("InvalidTunnelSettings", "mtu must be 0", s -> s.getTunnel().setMtu(100)),
                invalid("InvalidFec", "groupSize must be 1..64", s -> s.getTunnel().getFec().setGroupSize(65)),
                invalid("InvalidKeyRotation", "not an interval", s -> s.getKeyRotation().setInterval("monthly")),
                invalid("InvalidAdvertisedAddress", "not an IP address",
                        s -> s.getExposure().setAdvertisedAddress("vpn.example.com")),
                invalid("InvalidSourceIP", "'10.0.0.300' is not an IP address",
                        s -> s.getClients().getFirst().setSourceIPs(List.of("10.0.0.300"))),
                invalid("UnknownTunDeviceMode", "'Host'", s -> s.getTunDevice().setMode("Host")),
                invalid("InvalidExternalTrafficPolicy", "'Global'", s -> s.getExposure().setExternalTrafficPolicy("Global")),
                invalid("InvalidMetricsPort", "spec.metrics.port 65535", s -> {
                    s.getMetrics().setPort(65535);
                    s.getClients().add(new ClientSpec("office"));
                }));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidSpecs")
    void invalidSpecsNameTheReasonAndTheField(String reason, String message, Consumer<BondedTunnelSpec> breakIt) {
        BondedTunnelSpec spec = spec("home");
        breakIt.accept(spec);

        assertThatThrownBy(() -> TunnelPlanner.plan(spec))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void everyProblemIsListedNotOnlyTheFirst() {
        BondedTunnelSpec spec = spec("home", "home");
        spec.getExposure().setPortCount(0);
        spec.getExposure().setMode("Ingress");

        assertThatThrownBy(() -> TunnelPlanner.plan(spec)).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.problems()).extracting(SpecProblem::reason)
                        .containsExactly("UnknownExposureMode", "InvalidPorts", "DuplicateClientName"));
    }

    @Test
    void aMissingSpecIsRejectedForHavingNoClients() {
        assertThatThrownBy(() -> TunnelPlanner.plan(null)).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.reason()).isEqualTo("NoClients"));
    }

    private static Arguments invalid(String reason, String message, Consumer<BondedTunnelSpec> breakIt) {
        return Arguments.of(reason, message, breakIt);
    }

    private static BondedTunnelSpec spec(String... clients) {
        return TestTunnels.tunnel("ns", "t", clients).getSpec();
    }
}
