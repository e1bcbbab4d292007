package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.ServerConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The server configs, one per client. */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class ServerConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, BondedTunnel> {
    public ServerConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return ServerConfigMapBuilder.build(tunnel, DesiredState.of(context));
    }
}
