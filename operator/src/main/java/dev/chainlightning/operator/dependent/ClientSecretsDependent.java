package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.resources.ClientSecretBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One config Secret per client; a client removed from the spec loses its Secret. */
@KubernetesDependent(informer = @Informer(name = ClientSecretsDependent.NAME, labelSelector = Selectors.CLIENT_CONFIG))
public class ClientSecretsDependent extends KubernetesDependentResource<Secret, BondedTunnel>
        implements CRUDKubernetesBulkDependentResource<Secret, BondedTunnel>, GarbageCollected<BondedTunnel> {
    public static final String NAME = "client-secrets";

    public ClientSecretsDependent() {
        super(Secret.class);
    }

    @Override
    public Map<ResourceID, Secret> desiredResources(BondedTunnel tunnel, Context<BondedTunnel> context) {
        Map<ResourceID, Secret> desired = new LinkedHashMap<>();
        for (Secret secret : ClientSecretBuilder.build(tunnel, DesiredState.of(context))) {
            desired.put(ResourceID.fromResource(secret), secret);
        }
        return desired;
    }

    /** Read from this dependent's own informer: the keys Secret is a Secret too. */
    @Override
    public Map<ResourceID, Secret> getSecondaryResources(BondedTunnel tunnel, Context<BondedTunnel> context) {
        return context.eventSourceRetriever().getEventSourceFor(Secret.class, NAME).getSecondaryResources(tunnel)
                .stream().collect(Collectors.toMap(ResourceID::fromResource, s -> s));
    }

    // The next three: both parents define them; the Kubernetes dependent's matching and deletion apply per Secret.
    @Override
    public Matcher.Result<Secret> match(Secret actual, Secret desired, BondedTunnel tunnel,
                                        Context<BondedTunnel> context) {
        return super.match(actual, desired, tunnel, context);
    }

    @Override
    public Matcher.Result<Secret> match(Secret actual, BondedTunnel tunnel, Context<BondedTunnel> context) {
        return CRUDKubernetesBulkDependentResource.super.match(actual, tunnel, context);
    }

    @Override
    public void deleteTargetResource(BondedTunnel tunnel, Secret secret, ResourceID id,
                                     Context<BondedTunnel> context) {
        super.deleteTargetResource(tunnel, secret, id, context);
    }
}
