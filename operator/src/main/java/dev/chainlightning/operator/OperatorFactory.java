package dev.chainlightning.operator;

import dev.chainlightning.operator.reconciler.BondedTunnelReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.util.Set;

/**
 * The operator as it ships, shared by main and the tests so they run the same code: server-side apply is
 * off for dependents and for status, since the API servers it must work with (and fabric8's mock in the tests)
 * do not all support it.
 */
public final class OperatorFactory {
    private OperatorFactory() {
    }

    public static Operator create(KubernetesClient client, BondedTunnelReconciler reconciler) {
        return create(client, reconciler, Set.of());
    }

    /** @param namespaces the namespaces to watch; empty for all */
    public static Operator create(KubernetesClient client, BondedTunnelReconciler reconciler, Set<String> namespaces) {
        Operator operator = new Operator(o -> o
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false));
        if (namespaces.isEmpty()) {
            operator.register(reconciler);
        } else {
            operator.register(reconciler, o -> o.settingNamespaces(namespaces));
        }
        return operator;
    }
}
