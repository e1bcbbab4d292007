package dev.chainlightning.operator.dependent;

import dev.chainlightning.operator.resources.TunnelLabels;

/** Informer label selectors: only objects this operator made, one component each (two kinds share Secrets). */
final class Selectors {
    static final String MANAGED = TunnelLabels.SELECTOR;
    static final String KEYS = MANAGED + "," + TunnelLabels.COMPONENT + "=keys";
    static final String CLIENT_CONFIG = MANAGED + "," + TunnelLabels.COMPONENT + "=client-config";

    private Selectors() {
    }
}
