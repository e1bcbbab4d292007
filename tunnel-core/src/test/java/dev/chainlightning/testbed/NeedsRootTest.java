package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeedsRootTest {

    @Test
    void enabledWithRootAndTools() {
        assertThat(NeedsRoot.Condition.evaluate(true, List.of(), "true").isDisabled()).isFalse();
    }

    @Test
    void disabledLocallyWithoutRoot() {
        assertThat(NeedsRoot.Condition.evaluate(false, List.of(), null).isDisabled()).isTrue();
        assertThat(NeedsRoot.Condition.evaluate(true, List.of("nft"), "false").isDisabled()).isTrue();
    }

    @Test
    void failsOnCi() {
        assertThatThrownBy(() -> NeedsRoot.Condition.evaluate(true, List.of("conntrack"), "true"))
                .hasMessageContaining("conntrack");
        assertThatThrownBy(() -> NeedsRoot.Condition.evaluate(false, List.of(), "true"))
                .hasMessageContaining("root");
    }
}
