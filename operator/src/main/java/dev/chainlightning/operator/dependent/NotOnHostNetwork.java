package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The tunnel Service exists unless the pod uses the node's network; switching to HostNetwork deletes it. */
public class NotOnHostNetwork implements Condition<Service, BondedTunnel> {
    @Override
    public boolean isMet(DependentResource<Service, BondedTunnel> dependent, BondedTunnel tunnel,
                         Context<BondedTunnel> context) {
        return !DesiredState.of(context).plan().hostNetwork();
    }
}
