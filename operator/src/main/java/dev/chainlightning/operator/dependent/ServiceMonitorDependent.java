package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.MonitorBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;

/** A ServiceMonitor, when asked for and when the cluster has the CRD (activation condition in the workflow). */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class ServiceMonitorDependent extends GenericKubernetesDependentResource<BondedTunnel>
        implements Creator<GenericKubernetesResource, BondedTunnel>, Updater<GenericKubernetesResource, BondedTunnel>,
        GarbageCollected<BondedTunnel> {

    public ServiceMonitorDependent() {
        super(new GroupVersionKind(MonitorBuilder.API_VERSION, MonitorBuilder.SERVICE_MONITOR));
    }

    @Override
    protected GenericKubernetesResource desired(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return MonitorBuilder.serviceMonitor(tunnel, DesiredState.of(context).plan());
    }
}
