package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** spec.metrics.serviceMonitor / podMonitor: switched off, the monitor is deleted. */
public final class MonitorWanted {
    private MonitorWanted() {
    }

    public static class ServiceMonitor implements Condition<GenericKubernetesResource, BondedTunnel> {
        @Override
        public boolean isMet(DependentResource<GenericKubernetesResource, BondedTunnel> dependent, BondedTunnel tunnel,
                             Context<BondedTunnel> context) {
            return DesiredState.of(context).plan().serviceMonitor();
        }
    }

    public static class PodMonitor implements Condition<GenericKubernetesResource, BondedTunnel> {
        @Override
        public boolean isMet(DependentResource<GenericKubernetesResource, BondedTunnel> dependent, BondedTunnel tunnel,
                             Context<BondedTunnel> context) {
            return DesiredState.of(context).plan().podMonitor();
        }
    }
}
