package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.keys.TunnelKeys;
import dev.chainlightning.operator.plan.TunnelPlan;
import dev.chainlightning.operator.plan.TunnelPlanner;
import java.time.Instant;

/** A rendered TunnelState for a tunnel, as a reconcile would make it. */
final class TestStates {
    private TestStates() {
    }

    static TunnelState of(BondedTunnel tunnel, String address) throws Exception {
        TunnelPlan plan = TunnelPlanner.plan(tunnel.getSpec());
        return TunnelStateRenderer.render(plan, TunnelKeys.generate(plan.clientNames(), Instant.now(), ""), address);
    }
}
