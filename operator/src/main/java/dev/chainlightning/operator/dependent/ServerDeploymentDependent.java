package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.ServerDeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The server pod's Deployment. */
@KubernetesDependent(informer = @Informer(labelSelector = Selectors.MANAGED))
public class ServerDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, BondedTunnel> {
    public ServerDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return ServerDeploymentBuilder.build(tunnel, DesiredState.of(context));
    }
}
