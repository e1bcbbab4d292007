package dev.chainlightning.operator.reconciler;

import dev.chainlightning.config.ConfigException;
import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.crd.BondedTunnelStatus;
import dev.chainlightning.operator.dependent.ClientSecretsDependent;
import dev.chainlightning.operator.dependent.DesiredState;
import dev.chainlightning.operator.dependent.KeysSecretDependent;
import dev.chainlightning.operator.dependent.MonitorApplier;
import dev.chainlightning.operator.dependent.MetricsServiceDependent;
import dev.chainlightning.operator.dependent.NotOnHostNetwork;
import dev.chainlightning.operator.dependent.ServerConfigMapDependent;
import dev.chainlightning.operator.dependent.ServerDeploymentDependent;
import dev.chainlightning.operator.dependent.TunnelServiceDependent;
import dev.chainlightning.operator.keys.KeyDecision;
import dev.chainlightning.operator.keys.KeyPolicy;
import dev.chainlightning.operator.keys.KeysSecretFormat;
import dev.chainlightning.operator.plan.InvalidSpecException;
import dev.chainlightning.operator.plan.TunnelPlan;
import dev.chainlightning.operator.plan.TunnelPlanner;
import dev.chainlightning.operator.resources.TunnelState;
import dev.chainlightning.operator.resources.TunnelStateRenderer;
import dev.chainlightning.operator.status.Endpoint;
import dev.chainlightning.operator.status.EndpointResolver;
import dev.chainlightning.operator.status.StatusComposer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the tunnel from the spec, decides the keys, renders and checks the configs, then has the workflow
 * write every object from that one decision, and reports the outcome in status. An invalid spec is reported
 * and left alone: nothing is thrown, so nothing is retried until the spec changes.
 */
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = KeysSecretDependent.NAME, type = KeysSecretDependent.class),
    @Dependent(name = BondedTunnelReconciler.SERVER_CONFIG, type = ServerConfigMapDependent.class),
    @Dependent(name = BondedTunnelReconciler.DEPLOYMENT, type = ServerDeploymentDependent.class,
            dependsOn = {KeysSecretDependent.NAME, BondedTunnelReconciler.SERVER_CONFIG}),
    @Dependent(name = TunnelServiceDependent.NAME, type = TunnelServiceDependent.class,
            reconcilePrecondition = NotOnHostNetwork.class),
    @Dependent(name = MetricsServiceDependent.NAME, type = MetricsServiceDependent.class),
    @Dependent(name = ClientSecretsDependent.NAME, type = ClientSecretsDependent.class,
            dependsOn = KeysSecretDependent.NAME),
})
// Not generation-aware: the rotate-keys annotation changes no generation but must be acted on.
@ControllerConfiguration(name = "bondedtunnel", generationAwareEventProcessing = false)
public class BondedTunnelReconciler implements Reconciler<BondedTunnel> {
    static final String SERVER_CONFIG = "server-config";
    static final String DEPLOYMENT = "deployment";
    /** Pod and node addresses are looked up, not watched: look again this often while not Ready. */
    static final Duration RECHECK_WHILE_NOT_READY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(BondedTunnelReconciler.class);

    private final Clock clock;

    public BondedTunnelReconciler() {
        this(Clock.systemUTC());
    }

    public BondedTunnelReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UpdateControl<BondedTunnel> reconcile(BondedTunnel tunnel, Context<BondedTunnel> context) {
        Instant now = clock.instant();
        TunnelPlan plan;
        try {
            plan = TunnelPlanner.plan(tunnel.getSpec());
        } catch (InvalidSpecException e) {
            LOG.info("BondedTunnel {}/{}: spec rejected: {}", namespace(tunnel), name(tunnel), e.getMessage());
            return statusUpdate(tunnel, StatusComposer.rejected(tunnel, e.reason(), e.getMessage(), now), null);
        }

        Optional<Secret> stored = context.getSecondaryResource(Secret.class, KeysSecretDependent.NAME);
        KeyDecision keys = KeyPolicy.decide(stored.flatMap(KeysSecretFormat::read), plan.clientNames(),
                rotationRequest(tunnel), plan.rotationInterval(), now);
        if (!"KeysUnchanged".equals(keys.reason())) {
            LOG.info("BondedTunnel {}/{}: {}", namespace(tunnel), name(tunnel), keys.reason());
        }
        Endpoint endpoint = new EndpointResolver(context.getClient())
                .resolve(tunnel, plan, context.getSecondaryResource(Service.class, TunnelServiceDependent.NAME));

        TunnelState state;
        try {
            state = TunnelStateRenderer.render(plan, keys.keys(), endpoint.address());
        } catch (ConfigException e) {
            return statusUpdate(tunnel, StatusComposer.rejected(tunnel, "ConfigRejected",
                    "the tunnel would refuse the config written from this spec: " + e.getMessage(), now), null);
        }
        DesiredState.put(context, state);
        WorkflowReconcileResult result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        Map<String, String> errors = errors(result);
        List<String> notes = List.of();
        try {
            notes = new MonitorApplier(context.getClient()).apply(tunnel, plan);
        } catch (KubernetesClientException e) {
            errors.put("monitors", e.getMessage());
        }
        errors.forEach((dependent, error) ->
                LOG.warn("BondedTunnel {}/{}: {} failed: {}", namespace(tunnel), name(tunnel), dependent, error));

        BondedTunnelStatus status = StatusComposer.applied(tunnel, state, keys, endpoint,
                context.getSecondaryResource(Deployment.class), errors, notes, now);
        return statusUpdate(tunnel, status, nextLook(status, keys, plan, now));
    }

    private static Map<String, String> errors(WorkflowReconcileResult result) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Map.Entry<DependentResource, Exception> e : result.getErroredDependents().entrySet()) {
            errors.put(e.getKey().name(), Objects.requireNonNullElse(e.getValue().getMessage(),
                    e.getValue().getClass().getSimpleName()));
        }
        return errors;
    }

    /** The sooner of the next rotation and, while not Ready, the next look at pods and nodes. */
    private static Duration nextLook(BondedTunnelStatus status, KeyDecision keys, TunnelPlan plan, Instant now) {
        Duration next = null;
        Instant rotation = KeyPolicy.nextRotation(keys.keys(), plan.rotationInterval());
        if (rotation != null) {
            next = Duration.between(now, rotation).plusSeconds(1);
        }
        boolean ready = status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!ready && (next == null || next.compareTo(RECHECK_WHILE_NOT_READY) > 0)) {
            next = RECHECK_WHILE_NOT_READY;
        }
        return next;
    }

    /** Writes status only when it changed, so the reconcile that follows its own write ends here. */
    private static UpdateControl<BondedTunnel> statusUpdate(BondedTunnel tunnel, BondedTunnelStatus status,
                                                            Duration rescheduleAfter) {
        UpdateControl<BondedTunnel> control;
        if (status.equals(tunnel.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            BondedTunnel patch = new BondedTunnel();
            patch.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName(name(tunnel)).withNamespace(namespace(tunnel))
                    .withResourceVersion(tunnel.getMetadata().getResourceVersion()).build());
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return rescheduleAfter == null ? control : control.rescheduleAfter(rescheduleAfter);
    }

    private static String rotationRequest(BondedTunnel tunnel) {
        Map<String, String> annotations = tunnel.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(BondedTunnel.ROTATE_KEYS_ANNOTATION);
        return value == null ? "" : value.strip();
    }

    private static String name(BondedTunnel tunnel) {
        return tunnel.getMetadata().getName();
    }

    private static String namespace(BondedTunnel tunnel) {
        return tunnel.getMetadata().getNamespace();
    }
}
