package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.TunnelState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Passes the reconcile's {@link TunnelState} to the dependents through the workflow's context. */
public final class DesiredState {
    private DesiredState() {
    }

    public static void put(Context<BondedTunnel> context, TunnelState state) {
        context.managedWorkflowAndDependentResourceContext().put(TunnelState.class, state);
    }

    public static TunnelState of(Context<BondedTunnel> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(TunnelState.class, TunnelState.class);
    }
}
