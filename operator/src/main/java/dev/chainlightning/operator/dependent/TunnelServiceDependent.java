package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.TunnelServiceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The UDP Service; only when the pod is not on the host network (see {@link NotOnHostNetwork}). */
@KubernetesDependent(informer = @Informer(name = TunnelServiceDependent.NAME,
        labelSelector = Selectors.MANAGED + ",app.kubernetes.io/component=" + TunnelServiceBuilder.COMPONENT))
public class TunnelServiceDependent extends CRUDKubernetesDependentResource<Service, BondedTunnel> {
    public static final String NAME = "tunnel-service";

    public TunnelServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return TunnelServiceBuilder.build(tunnel, DesiredState.of(context).plan());
    }
}
