package dev.chainlightning.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the API server will enforce from the generated CRD; the mock server in the integration tests does not. */
class CrdSchemaTest {
    private static CustomResourceDefinition crd;
    private static CustomResourceDefinitionVersion version;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Files.newInputStream(CrdIsUpToDateTest.GENERATED)) {
            crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
        version = crd.getSpec().getVersions().getFirst();
    }

    @Test
    void namespacedV1alpha1WithStatusSubresource() {
        assertThat(crd.getMetadata().getName()).isEqualTo("bondedtunnels.chainlightning.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("bt");
        assertThat(version.getName()).isEqualTo("v1alpha1");
        // Status is written through its subresource, so status writes do not bump the generation.
        assertThat(version.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void printerColumnsReadyEndpointAge() {
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .contains("Ready", "Endpoint", "Age");
        assertThat(version.getAdditionalPrinterColumns()).filteredOn(c -> c.getName().equals("Ready"))
                .singleElement().satisfies(c -> assertThat(c.getJsonPath())
                        .isEqualTo(".status.conditions[?(@.type==\"Ready\")].status"));
    }

    @Test
    void specFieldsAreDescribedForKubectlExplain() {
        JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertThat(spec.getProperties()).containsKeys("image", "exposure", "nodeSelector", "tolerations", "tunnel",
                "tunDevice", "clients", "keyRotation", "metrics", "resources", "paused");
        assertThat(spec.getProperties().get("clients").getDescription()).contains("one server container per client");
        JSONSchemaProps exposure = spec.getProperties().get("exposure");
        assertThat(exposure.getProperties()).containsKeys("mode", "basePort", "portCount", "externalTrafficPolicy",
                "loadBalancerIP", "annotations", "advertisedAddress");
        // A string, not an enum: an unknown mode reaches the operator, which reports it instead of the
        // informer failing to read the object.
        assertThat(exposure.getProperties().get("mode").getType()).isEqualTo("string");
        JSONSchemaProps status = version.getSchema().getOpenAPIV3Schema().getProperties().get("status");
        assertThat(status.getProperties()).containsKeys("observedGeneration", "conditions", "endpoint", "clients");
    }
}
