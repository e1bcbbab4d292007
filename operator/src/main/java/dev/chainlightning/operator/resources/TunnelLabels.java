package dev.chainlightning.operator.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended app.kubernetes.io labels; the operator's informers select on managed-by. */
public final class TunnelLabels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "chainlightning-operator";
    /** The label selector of every informer of secondary resources: only what this operator made. */
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String CLIENT = "chainlightning.dev/client";

    private TunnelLabels() {
    }

    public static Map<String, String> of(HasMetadata tunnel, String component) {
        Map<String, String> labels = selector(tunnel, component);
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** Metadata of an object the operator makes for a tunnel: its name, the tunnel's namespace, our labels. */
    public static ObjectMeta metadata(HasMetadata tunnel, String name, String component) {
        return new ObjectMetaBuilder().withName(name).withNamespace(tunnel.getMetadata().getNamespace())
                .withLabels(of(tunnel, component)).build();
    }

    /** Labels that pick one tunnel's objects of one kind, e.g. its server pod. */
    public static Map<String, String> selector(HasMetadata tunnel, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "chainlightning");
        labels.put("app.kubernetes.io/instance", tunnel.getMetadata().getName());
        labels.put(COMPONENT, component);
        return labels;
    }
}
