package dev.chainlightning.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeedsDockerTest {

    @Test
    void enabledWithDockerAndImages() {
        assertThat(NeedsDocker.Condition.evaluate(true, List.of(), "true").isDisabled()).isFalse();
    }

    @Test
    void disabledLocallyWithoutDockerOrImages() {
        assertThat(NeedsDocker.Condition.evaluate(false, List.of(), null).isDisabled()).isTrue();
        assertThat(NeedsDocker.Condition.evaluate(true, List.of("chainlightning-client:local"), "false").isDisabled())
                .isTrue();
    }

    @Test
    void failsOnCi() {
        assertThatThrownBy(() -> NeedsDocker.Condition.evaluate(false, List.of(), "true"))
                .hasMessageContaining("no Docker engine");
        assertThatThrownBy(() -> NeedsDocker.Condition.evaluate(true, List.of("chainlightning-server:local"), "true"))
                .hasMessageContaining("bin/build-images");
    }
}
