package dev.chainlightning.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.plan.TunnelPlanner;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything `kubectl apply -k deploy/` applies parses as Kubernetes objects and fits together. (Every request
 * the operator makes is checked against the ClusterRole in OperatorCrudMockTest.)
 */
class DeployManifestsTest {
    private static List<HasMetadata> objects;

    @BeforeAll
    static void load() throws Exception {
        objects = DeployManifests.load();
    }

    @Test
    void kustomizationListsOnlyFilesThatExist() throws Exception {
        assertThat(DeployManifests.kustomizationResources())
                .allSatisfy(f -> assertThat(DeployManifests.DEPLOY.resolve(f)).exists());
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("CustomResourceDefinition",
                "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment", "Namespace");
    }

    @Test
    void theCrdIsTheGeneratedOne() {
        assertThat(one(CustomResourceDefinition.class).getMetadata().getName()).isEqualTo("bondedtunnels.chainlightning.dev");
    }

    @Test
    void tunnelsNamespaceAllowsWhatTunnelPodsNeedAndTheOperatorsForbidsIt() {
        Map<String, Namespace> namespaces = objects.stream().filter(Namespace.class::isInstance)
                .map(Namespace.class::cast).collect(java.util.stream.Collectors.toMap(n -> n.getMetadata().getName(), n -> n));
        assertThat(namespaces.get("chainlightning-tunnels").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
        assertThat(namespaces.get("chainlightning-system").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @Test
    void operatorRunsAsItsServiceAccountBoundToItsRole() {
        Deployment operator = one(Deployment.class);
        ServiceAccount account = one(ServiceAccount.class);
        ClusterRoleBinding binding = one(ClusterRoleBinding.class);

        assertThat(operator.getMetadata().getNamespace()).isEqualTo(account.getMetadata().getNamespace());
        assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(binding.getRoleRef().getName()).isEqualTo(one(ClusterRole.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
        });
        assertThat(operator.getSpec().getReplicas()).isEqualTo(1);
        Container c = operator.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(c.getImage()).isEqualTo("chainlightning-operator:local");
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void clusterRoleNeverGrantsWildcardsOrSecretsBeyondWhatIsUsed() {
        for (PolicyRule rule : one(ClusterRole.class).getRules()) {
            assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
            assertThat(rule.getResources()).doesNotContain("*");
            assertThat(rule.getApiGroups()).doesNotContain("*");
        }
    }

    @Test
    void theExampleIsAValidTunnelForTheTunnelsNamespace() throws Exception {
        BondedTunnel tunnel;
        try (var in = Files.newInputStream(DeployManifests.DEPLOY.resolve("examples/bondedtunnel.yaml"))) {
            tunnel = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, BondedTunnel.class);
        }
        assertThat(tunnel.getMetadata().getNamespace()).isEqualTo("chainlightning-tunnels");
        assertThat(TunnelPlanner.plan(tunnel.getSpec()).clientNames()).containsExactly("home", "office");
    }

    private static <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.getFirst();
    }
}
