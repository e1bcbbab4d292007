package dev.chainlightning.operator;

import dev.chainlightning.operator.reconciler.BondedTunnelReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the operator with the in-cluster (or kubeconfig) credentials until the JVM is stopped. WATCH_NAMESPACES
 * (comma-separated) confines it to those namespaces.
 */
public final class OperatorMain {
    private OperatorMain() {
    }

    public static void main(String[] args) {
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = OperatorFactory.create(client, new BondedTunnelReconciler(),
                watchedNamespaces(System.getenv("WATCH_NAMESPACES")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop();
            client.close();
        }, "operator-shutdown"));
        operator.start();
    }

    static Set<String> watchedNamespaces(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
