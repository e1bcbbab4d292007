package dev.chainlightning.operator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.config.ContainerPaths;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.keys.KeysSecretFormat;
import dev.chainlightning.operator.keys.TunnelKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerDeploymentBuilderTest {
    private final BondedTunnel tunnel = TestTunnels.tunnel("ns", "vps", "home", "office");

    @Test
    void oneReplicaRecreatedWithOneServerContainerPerClient() throws Exception {
        Deployment d = ServerDeploymentBuilder.build(tunnel, TestStates.of(tunnel, null));

        assertThat(d.getMetadata().getName()).isEqualTo("vps-server");
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(d.getSpec().getSelector().getMatchLabels())
                .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
                        .filter(e -> !e.getKey().equals(TunnelLabels.MANAGED_BY))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("server-home", "server-office");
        Container office = pod.getContainers().get(1);
        assertThat(office.getImage()).isEqualTo("chainlightning-server:local");
        assertThat(office.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("CL_CONFIG");
            assertThat(e.getValue()).isEqualTo(ContainerPaths.SERVER_CONFIG_DIR + "/office.toml");
        });
        assertThat(office.getPorts()).extracting(p -> p.getContainerPort() + "/" + p.getProtocol())
                .containsExactly("9006/UDP", "9007/UDP", "9008/UDP", "9009/UDP", "9010/UDP", "9101/TCP");
        assertThat(office.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(office.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(9101);
    }

    @Test
    void onlyNetAdminAndTheTunDevice() throws Exception {
        PodSpec pod = ServerDeploymentBuilder.build(tunnel, TestStates.of(tunnel, null)).getSpec().getTemplate().getSpec();

        for (Container c : pod.getContainers()) {
            assertThat(c.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN");
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getSecurityContext().getPrivileged()).isNull();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/dev/net/tun"));
        }
        Volume tun = volume(pod, "tun");
        assertThat(tun.getHostPath().getPath()).isEqualTo("/dev/net/tun");
        assertThat(tun.getHostPath().getType()).isEqualTo("CharDevice");
    }

    @Test
    void onlyTheServerKeyIsMountedAndReadableByRootAlone() throws Exception {
        PodSpec pod = ServerDeploymentBuilder.build(tunnel, TestStates.of(tunnel, null)).getSpec().getTemplate().getSpec();

        Volume keys = volume(pod, "keys");
        assertThat(keys.getSecret().getSecretName()).isEqualTo("vps-keys");
        assertThat(keys.getSecret().getItems()).singleElement()
                .satisfies(i -> assertThat(i.getKey()).isEqualTo(KeysSecretFormat.SERVER_KEY));
        assertThat(keys.getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(volume(pod, "config").getConfigMap().getName()).isEqualTo("vps-server-config");
    }

    @Test
    void newKeysOrConfigsChangeThePodTemplate() throws Exception {
        TunnelState state = TestStates.of(tunnel, null);
        TunnelState rotated = TunnelStateRenderer.render(state.plan(),
                TunnelKeys.generate(state.plan().clientNames(), Instant.now(), "r"), null);

        Map<String, String> before = annotations(ServerDeploymentBuilder.build(tunnel, state));
        Map<String, String> after = annotations(ServerDeploymentBuilder.build(tunnel, rotated));

        assertThat(before).containsEntry(ServerDeploymentBuilder.KEYS_HASH_ANNOTATION, state.keys().hash());
        assertThat(after.get(ServerDeploymentBuilder.KEYS_HASH_ANNOTATION))
                .isNotEqualTo(before.get(ServerDeploymentBuilder.KEYS_HASH_ANNOTATION));
        assertThat(after.get(ServerDeploymentBuilder.CONFIG_HASH_ANNOTATION))
                .isNotEqualTo(before.get(ServerDeploymentBuilder.CONFIG_HASH_ANNOTATION));
        assertThat(annotations(ServerDeploymentBuilder.build(tunnel, state))).isEqualTo(before);
    }

    @Test
    void hostNetworkPausedPlacementAndResources() throws Exception {
        tunnel.getSpec().getExposure().setMode("HostNetwork");
        tunnel.getSpec().setPaused(true);
        tunnel.getSpec().setNodeSelector(Map.of("chainlightning.dev/edge", "true"));
        tunnel.getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
                .withKey("edge").withOperator("Exists").build()));
        tunnel.getSpec().setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("256Mi")).build());

        Deployment d = ServerDeploymentBuilder.build(tunnel, TestStates.of(tunnel, null));
        PodSpec pod = d.getSpec().getTemplate().getSpec();

        assertThat(d.getSpec().getReplicas()).isZero();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(pod.getNodeSelector()).containsEntry("chainlightning.dev/edge", "true");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("edge"));
        assertThat(pod.getContainers().getFirst().getResources().getLimits()).containsKey("memory");
    }

    @Test
    void privilegedAndDevicePluginModes() throws Exception {
        tunnel.getSpec().getTunDevice().setMode("Privileged");
        PodSpec privileged = ServerDeploymentBuilder.build(tunnel, TestStates.of(tunnel, null)).getSpec().getTemplate().getSpec();
        assertThat(privileged.getContainers().getFirst().getSecurityContext().getPrivileged()).isTrue();
        assertThat(privileged.getVolumes()).noneMatch(v -> v.getName().equals("tun"));

        tunnel.getSpec().getTunDevice().setMode("DevicePlugin");
        PodSpec plugin = ServerDeploymentBuilder.build(tunnel, TestStates.of(tunnel, null)).getSpec().getTemplate().getSpec();
        assertThat(plugin.getContainers().getFirst().getResources().getLimits()).containsEntry("squat.ai/tun", new Quantity("1"));
        assertThat(plugin.getVolumes()).noneMatch(v -> v.getName().equals("tun"));
        assertThat(plugin.getContainers().getFirst().getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN");
    }

    private static Map<String, String> annotations(Deployment d) {
        return d.getSpec().getTemplate().getMetadata().getAnnotations();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }
}
