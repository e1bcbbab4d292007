package dev.chainlightning.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A ChainLightning tunnel server with its clients, declared in one namespace. */
@Group(BondedTunnel.GROUP)
@Version(BondedTunnel.VERSION)
@Kind("BondedTunnel")
@Plural("bondedtunnels")
@ShortNames("bt")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpoint", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class BondedTunnel extends CustomResource<BondedTunnelSpec, BondedTunnelStatus> implements Namespaced {
    public static final String GROUP = "chainlightning.dev";
    public static final String VERSION = "v1alpha1";

    /** Set to any new value (a timestamp, say) to replace every key of the tunnel now. */
    public static final String ROTATE_KEYS_ANNOTATION = GROUP + "/rotate-keys";

    @Override
    protected BondedTunnelSpec initSpec() {
        return new BondedTunnelSpec();
    }
}
