package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.KeysSecretBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The keys Secret. Its content is decided by {@link dev.chainlightning.operator.keys.KeyPolicy} from what is
 * stored, so writing it changes nothing unless a client came or went or a rotation was due.
 */
@KubernetesDependent(informer = @Informer(name = KeysSecretDependent.NAME, labelSelector = Selectors.KEYS))
public class KeysSecretDependent extends CRUDKubernetesDependentResource<Secret, BondedTunnel> {
    public static final String NAME = "keys";

    public KeysSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return KeysSecretBuilder.build(tunnel, DesiredState.of(context).keys());
    }
}
