package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.plan.TunnelPlan;
import dev.chainlightning.operator.resources.MonitorBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates, updates or deletes the ServiceMonitor and PodMonitor. Not JOSDK dependents: a dependent's
 * informer for a kind whose CRD is missing fails on API discovery, and these CRDs are optional. Written with
 * the plural given (no discovery), only when prometheus-operator's CRD is installed, owned by the tunnel.
 */
public final class MonitorApplier {
    private static final String GROUP = "monitoring.coreos.com";

    private final KubernetesClient client;

    public MonitorApplier(KubernetesClient client) {
        this.client = client;
    }

    /** @return notes for status, e.g. a monitor asked for in a cluster without its CRD */
    public List<String> apply(BondedTunnel tunnel, TunnelPlan plan) {
        List<String> notes = new ArrayList<>();
        apply(tunnel, kind(MonitorBuilder.SERVICE_MONITOR, "servicemonitors"), plan.serviceMonitor(),
                MonitorBuilder.serviceMonitor(tunnel, plan), notes);
        apply(tunnel, kind(MonitorBuilder.POD_MONITOR, "podmonitors"), plan.podMonitor(),
                MonitorBuilder.podMonitor(tunnel, plan), notes);
        return notes;
    }

    private void apply(BondedTunnel tunnel, ResourceDefinitionContext kind, boolean wanted,
                       GenericKubernetesResource desired, List<String> notes) {
        String crd = kind.getPlural() + "." + GROUP;
        if (client.apiextensions().v1().customResourceDefinitions().withName(crd).get() == null) {
            if (wanted) {
                notes.add(kind.getKind() + " not created: CRD " + crd + " is not installed");
            }
            return;
        }
        var resource = client.genericKubernetesResources(kind).inNamespace(tunnel.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName());
        GenericKubernetesResource actual = resource.get();
        if (!wanted) {
            if (actual != null && ownedBy(actual, tunnel)) {
                resource.delete();
            }
            return;
        }
        desired.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(tunnel.getApiVersion()).withKind(tunnel.getKind())
                .withName(tunnel.getMetadata().getName()).withUid(tunnel.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build()));
        if (actual == null) {
            client.genericKubernetesResources(kind).resource(desired).create();
        } else if (!Objects.equals(actual.getAdditionalProperties().get("spec"), desired.getAdditionalProperties().get("spec"))
                || !Objects.equals(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
            client.genericKubernetesResources(kind).resource(desired).update();
        }
    }

    private static boolean ownedBy(HasMetadata object, BondedTunnel tunnel) {
        return object.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Objects.equals(ref.getUid(), tunnel.getMetadata().getUid()));
    }

    private static ResourceDefinitionContext kind(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }
}
