package dev.chainlightning.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.crd.BondedTunnelStatus;
import dev.chainlightning.operator.keys.KeyDecision;
import dev.chainlightning.operator.keys.KeyPolicy;
import dev.chainlightning.operator.plan.TunnelPlanner;
import dev.chainlightning.operator.resources.TunnelState;
import dev.chainlightning.operator.resources.TunnelStateRenderer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusComposerTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private final BondedTunnel tunnel = TestTunnels.tunnel("ns", "vps", "home");

    @Test
    void readyWhenKeysEndpointAndServerAreThere() throws Exception {
        BondedTunnelStatus s = applied(new Endpoint("203.0.113.1", "LoadBalancerReady", "ok"), available(), Map.of());

        assertThat(s.getObservedGeneration()).isEqualTo(1L);
        assertThat(s.getEndpoint()).isEqualTo("203.0.113.1:9001-9005");
        assertThat(s.getClients()).singleElement().satisfies(c -> {
            assertThat(c.getConfigSecret()).isEqualTo("vps-home-client");
            assertThat(c.getPorts()).isEqualTo("9001-9005");
        });
        assertThat(condition(s, "Ready")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("True", "TunnelReady");
        assertThat(condition(s, "KeysReady").getReason()).isEqualTo("KeysCreated");
        assertThat(condition(s, "Exposed").getStatus()).isEqualTo("True");
        assertThat(condition(s, "Degraded").getStatus()).isEqualTo("False");
        assertThat(s.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));
    }

    @Test
    void notReadyNamesWhatIsMissing() throws Exception {
        BondedTunnelStatus pending = applied(new Endpoint(null, "LoadBalancerPending", "waiting"), available(), Map.of());
        assertThat(condition(pending, "Ready").getReason()).isEqualTo("LoadBalancerPending");
        assertThat(pending.getClients().getFirst().getConfigSecret()).isNull();

        BondedTunnelStatus starting = applied(new Endpoint("203.0.113.1", "x", "x"), Optional.empty(), Map.of());
        assertThat(condition(starting, "Ready").getReason()).isEqualTo("ServerStarting");

        BondedTunnelStatus failing = applied(new Endpoint("203.0.113.1", "x", "x"), available(),
                Map.of("deployment", "forbidden"));
        assertThat(condition(failing, "Ready").getReason()).isEqualTo("ReconcileError");
        assertThat(condition(failing, "Degraded").getMessage()).isEqualTo("deployment: forbidden");
        assertThat(condition(failing, "KeysReady").getStatus()).isEqualTo("True");
    }

    @Test
    void transitionTimeChangesOnlyWithTheStatus() throws Exception {
        BondedTunnelStatus first = applied(new Endpoint(null, "LoadBalancerPending", "waiting"), available(), Map.of());
        tunnel.setStatus(first);
        String since = condition(first, "Ready").getLastTransitionTime();

        TunnelState state = state("203.0.113.1");
        BondedTunnelStatus later = StatusComposer.applied(tunnel, state, keys(state), new Endpoint(null,
                "LoadBalancerPending", "waiting"), available(), Map.of(), List.of(), T0.plusSeconds(60));
        BondedTunnelStatus ready = StatusComposer.applied(tunnel, state, keys(state), new Endpoint("203.0.113.1",
                "LoadBalancerReady", "ok"), available(), Map.of(), List.of(), T0.plusSeconds(90));

        assertThat(condition(later, "Ready").getLastTransitionTime()).isEqualTo(since);
        assertThat(condition(ready, "Ready").getLastTransitionTime()).isEqualTo(T0.plusSeconds(90).toString());
    }

    @Test
    void rejectedSpecKeepsWhatExistsAndSaysWhy() throws Exception {
        tunnel.setStatus(applied(new Endpoint("203.0.113.1", "LoadBalancerReady", "ok"), available(), Map.of()));
        tunnel.getMetadata().setGeneration(2L);

        BondedTunnelStatus s = StatusComposer.rejected(tunnel, "InvalidPorts", "spec.exposure.portCount must be at least 1", T0);

        assertThat(s.getObservedGeneration()).isEqualTo(2L);
        assertThat(s.getEndpoint()).isEqualTo("203.0.113.1:9001-9005");
        assertThat(condition(s, "Ready")).extracting(Condition::getStatus, Condition::getReason)
                .containsExactly("False", "InvalidPorts");
        assertThat(condition(s, "Degraded").getStatus()).isEqualTo("True");
    }

    @Test
    void pausedIsNotReady() throws Exception {
        tunnel.getSpec().setPaused(true);
        BondedTunnelStatus s = applied(new Endpoint("203.0.113.1", "x", "x"), available(), Map.of());
        assertThat(condition(s, "Ready").getReason()).isEqualTo("Paused");
    }

    private BondedTunnelStatus applied(Endpoint endpoint, Optional<Deployment> deployment, Map<String, String> errors)
            throws Exception {
        TunnelState state = state(endpoint.address());
        return StatusComposer.applied(tunnel, state, keys(state), endpoint, deployment, errors, List.of(), T0);
    }

    private TunnelState state(String address) throws Exception {
        var plan = TunnelPlanner.plan(tunnel.getSpec());
        KeyDecision keys = KeyPolicy.decide(Optional.empty(), plan.clientNames(), "", null, T0);
        return TunnelStateRenderer.render(plan, keys.keys(), address);
    }

    private static KeyDecision keys(TunnelState state) {
        return new KeyDecision(state.keys(), "KeysCreated");
    }

    private static Optional<Deployment> available() {
        return Optional.of(new DeploymentBuilder().withNewStatus().withAvailableReplicas(1).endStatus().build());
    }

    private static Condition condition(BondedTunnelStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }
}
