package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.MetricsServiceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The metrics Service. */
@KubernetesDependent(informer = @Informer(name = MetricsServiceDependent.NAME,
        labelSelector = Selectors.MANAGED + ",app.kubernetes.io/component=" + MetricsServiceBuilder.COMPONENT))
public class MetricsServiceDependent extends CRUDKubernetesDependentResource<Service, BondedTunnel> {
    public static final String NAME = "metrics-service";

    public MetricsServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return MetricsServiceBuilder.build(tunnel, DesiredState.of(context).plan());
    }
}
