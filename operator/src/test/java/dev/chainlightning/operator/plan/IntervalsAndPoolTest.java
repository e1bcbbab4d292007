package dev.chainlightning.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalsAndPoolTest {
    @Test
    void intervalsInDaysHoursMinutesSeconds() {
        assertThat(Intervals.parse("720h")).isEqualTo(Duration.ofDays(30));
        assertThat(Intervals.parse("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Intervals.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Intervals.parse("30s")).hasMessageContaining("under a minute");
        assertThatThrownBy(() -> Intervals.parse("1w")).hasMessageContaining("not an interval");
    }

    @Test
    void poolCutsThirtiesAndKnowsItsSize() {
        AddressPool pool = AddressPool.parse("192.168.50.0/29");
        assertThat(pool.capacity()).isEqualTo(2);
        assertThat(pool.serverAddress(1)).isEqualTo("192.168.50.5");
        assertThat(pool.clientAddress(1)).isEqualTo("192.168.50.6");
        assertThatThrownBy(() -> AddressPool.parse("10.0.0.0/31")).hasMessageContaining("/30");
        assertThatThrownBy(() -> AddressPool.parse("10.0.0.256/24")).hasMessageContaining("above 255");
    }
}
