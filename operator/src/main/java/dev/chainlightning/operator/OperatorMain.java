package dev.chainlightning.operator;

import dev.chainlightning.operator.reconciler.BondedTunnelReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;

/** Runs the operator with the in-cluster (or kubeconfig) credentials until the JVM is stopped. */
public final class OperatorMain {
    private OperatorMain() {
    }

    public static void main(String[] args) {
        KubernetesClient client = new KubernetesClientBuilder().build();
        Operator operator = OperatorFactory.create(client, new BondedTunnelReconciler());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop();
            client.close();
        }, "operator-shutdown"));
        operator.start();
    }
}
