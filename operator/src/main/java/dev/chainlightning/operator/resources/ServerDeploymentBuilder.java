package dev.chainlightning.operator.resources;

import dev.chainlightning.operator.config.ContainerPaths;
import dev.chainlightning.operator.keys.KeysSecretFormat;
import dev.chainlightning.operator.plan.ClientPlan;
import dev.chainlightning.operator.plan.TunDeviceMode;
import dev.chainlightning.operator.plan.TunnelPlan;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server Deployment: one pod, one server container per client (the tunnel server takes exactly one
 * client key). Only NET_ADMIN is added, everything else dropped; the TUN device, the server key and the
 * configs are mounted; hashes of keys and configs in the pod template make any change roll the pod.
 */
public final class ServerDeploymentBuilder {
    public static final String COMPONENT = "server";
    public static final String KEYS_HASH_ANNOTATION = "chainlightning.dev/keys-hash";
    public static final String CONFIG_HASH_ANNOTATION = "chainlightning.dev/config-hash";
    static final String TUN_DEVICE = "/dev/net/tun";
    private static final int KEY_FILE_MODE = 0400;

    private ServerDeploymentBuilder() {
    }

    public static Deployment build(HasMetadata tunnel, TunnelState state) {
        TunnelPlan plan = state.plan();
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        podAnnotations.put(KEYS_HASH_ANNOTATION, state.keys().hash());
        podAnnotations.put(CONFIG_HASH_ANNOTATION, state.configHash());
        return new DeploymentBuilder()
                .withMetadata(TunnelLabels.metadata(tunnel, TunnelNames.deployment(tunnel), COMPONENT))
                .withNewSpec()
                .withReplicas(plan.paused() ? 0 : 1)
                // Host ports (and the TUN names) cannot be held by two pods at once: the old pod goes first.
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewSelector().withMatchLabels(TunnelLabels.selector(tunnel, COMPONENT)).endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(TunnelLabels.of(tunnel, COMPONENT))
                .withAnnotations(podAnnotations)
                .endMetadata()
                .withNewSpec()
                .withHostNetwork(plan.hostNetwork() ? true : null)
                .withDnsPolicy(plan.hostNetwork() ? "ClusterFirstWithHostNet" : null)
                // The tunnel never talks to the API server.
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(plan.nodeSelector().isEmpty() ? null : plan.nodeSelector())
                .withTolerations(plan.tolerations().isEmpty() ? null : plan.tolerations())
                .withContainers(plan.clients().stream().map(c -> container(plan, c)).toList())
                .withVolumes(volumes(tunnel, plan))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(TunnelPlan plan, ClientPlan client) {
        List<ContainerPort> ports = new ArrayList<>();
        for (int p = 0; p < client.portCount(); p++) {
            ports.add(new ContainerPortBuilder().withName(TunnelNames.udpPort(client.index(), p))
                    .withContainerPort(client.firstPort() + p).withProtocol("UDP").build());
        }
        ports.add(new ContainerPortBuilder().withName(TunnelNames.metricsPort(client.index()))
                .withContainerPort(client.metricsPort()).withProtocol("TCP").build());
        return new ContainerBuilder()
                .withName(TunnelNames.serverContainer(client.name()))
                .withImage(plan.image())
                .withImagePullPolicy(plan.imagePullPolicy())
                .addNewEnv().withName("CL_CONFIG")
                .withValue(ContainerPaths.SERVER_CONFIG_DIR + "/" + ContainerPaths.serverConfigEntry(client.name()))
                .endEnv()
                .addNewEnv().withName("CL_METRICS_PORT").withValue(Integer.toString(client.metricsPort())).endEnv()
                .withPorts(ports)
                .withSecurityContext(securityContext(plan.tunDevice()))
                .withResources(resources(plan))
                // /healthz, not /readyz: a server is ready before any client connects, and with
                // externalTrafficPolicy Local an unready pod would get no traffic, so no client ever could.
                .withLivenessProbe(healthProbe(client, 3))
                .withReadinessProbe(healthProbe(client, 1))
                .withVolumeMounts(mounts(plan))
                .build();
    }

    private static SecurityContext securityContext(TunDeviceMode tunDevice) {
        if (tunDevice == TunDeviceMode.Privileged) {
            return new SecurityContextBuilder().withPrivileged(true).build();
        }
        return new SecurityContextBuilder()
                .withNewCapabilities().withAdd("NET_ADMIN").withDrop("ALL").endCapabilities()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                // The TUN ioctl and the 0400 key file want root; capabilities stay limited to NET_ADMIN.
                .withRunAsUser(0L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static ResourceRequirements resources(TunnelPlan plan) {
        ResourceRequirementsBuilder builder = plan.resources() == null
                ? new ResourceRequirementsBuilder() : new ResourceRequirementsBuilder(plan.resources());
        if (plan.tunDevice() == TunDeviceMode.DevicePlugin) {
            builder.addToLimits(plan.tunResourceName(), new Quantity("1"));
        }
        ResourceRequirements resources = builder.build();
        boolean empty = (resources.getLimits() == null || resources.getLimits().isEmpty())
                && (resources.getRequests() == null || resources.getRequests().isEmpty());
        return empty ? null : resources;
    }

    private static Probe healthProbe(ClientPlan client, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/healthz").withPort(new IntOrString(client.metricsPort())).endHttpGet()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(10)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static List<VolumeMount> mounts(TunnelPlan plan) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("keys").withMountPath(ContainerPaths.SERVER_KEYS_DIR)
                .withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName("config").withMountPath(ContainerPaths.SERVER_CONFIG_DIR)
                .withReadOnly(true).build());
        // JNA unpacks its native library to /tmp; the root file system is read-only.
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (plan.tunDevice() == TunDeviceMode.HostDevice) {
            mounts.add(new VolumeMountBuilder().withName("tun").withMountPath(TUN_DEVICE).build());
        }
        return mounts;
    }

    private static List<Volume> volumes(HasMetadata tunnel, TunnelPlan plan) {
        List<Volume> volumes = new ArrayList<>();
        // Only the server's own key: the clients' private keys stay out of the pod.
        volumes.add(new VolumeBuilder().withName("keys").withNewSecret()
                .withSecretName(TunnelNames.keysSecret(tunnel))
                .addNewItem().withKey(KeysSecretFormat.SERVER_KEY).withPath(KeysSecretFormat.SERVER_KEY).endItem()
                .withDefaultMode(KEY_FILE_MODE)
                .endSecret().build());
        volumes.add(new VolumeBuilder().withName("config").withNewConfigMap()
                .withName(TunnelNames.serverConfig(tunnel)).endConfigMap().build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().withMedium("Memory").endEmptyDir().build());
        if (plan.tunDevice() == TunDeviceMode.HostDevice) {
            volumes.add(new VolumeBuilder().withName("tun").withNewHostPath()
                    .withPath(TUN_DEVICE).withType("CharDevice").endHostPath().build());
        }
        return volumes;
    }
}
