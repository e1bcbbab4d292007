package dev.chainlightning.operator;

import dev.chainlightning.operator.crd.BondedTunnel;
import dev.chainlightning.operator.crd.BondedTunnelSpec;
import dev.chainlightning.operator.crd.ClientSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** BondedTunnels for tests. */
public final class TestTunnels {
    private TestTunnels() {
    }

    public static BondedTunnel tunnel(String namespace, String name, String... clients) {
        BondedTunnel tunnel = new BondedTunnel();
        tunnel.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withGeneration(1L)
                .withUid(name + "-uid").build());
        BondedTunnelSpec spec = new BondedTunnelSpec();
        List<ClientSpec> list = new ArrayList<>();
        Arrays.stream(clients).map(ClientSpec::new).forEach(list::add);
        spec.setClients(list);
        tunnel.setSpec(spec);
        return tunnel;
    }
}
