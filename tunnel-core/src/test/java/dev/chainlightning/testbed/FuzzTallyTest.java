package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FuzzTallyTest {

    @Test
    void printedLinesParseBack() throws Exception {
        FuzzTally tally = new FuzzTally(Map.of(FuzzKind.FLIP, 10L, FuzzKind.REPLAY, 3L, FuzzKind.REPLAY_OTHER_PORT, 2L), 1, 4.5);
        FuzzTally parsed = FuzzTally.parse("fuzz captured 12 packets\n" + tally.format());
        assertThat(parsed.total()).isEqualTo(15);
        assertThat(parsed.replays()).isEqualTo(5);
        assertThat(parsed.sent(FuzzKind.FLIP)).isEqualTo(10);
        assertThat(parsed.sent(FuzzKind.RANDOM)).isZero();
        assertThat(parsed.sendErrors()).isEqualTo(1);
        assertThat(parsed.seconds()).isEqualTo(4.5);
    }

    @Test
    void aFuzzerThatDidNotFinishIsAnError() {
        assertThatThrownBy(() -> FuzzTally.parse("fuzz sent FLIP 3\n")).hasMessageContaining("did not finish");
        assertThatThrownBy(() -> FuzzTally.parse("fuzz sent FLIP 3\nfuzz total 4 send_errors 0 seconds 1.00\n"))
                .hasMessageContaining("add up to 3");
    }

    @Test
    void snmpCountersPairNameAndValueLines() {
        SnmpCounters c = SnmpCounters.parse("""
                Ip: Forwarding DefaultTTL
                Ip: 2 64
                Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors
                Udp: 66 0 7 69 5
                """);
        assertThat(c.get("Udp.RcvbufErrors")).isEqualTo(5);
        assertThat(c.get("Udp.InErrors")).isEqualTo(7);
        assertThat(c.get("Ip.DefaultTTL")).isEqualTo(64);
        assertThat(c.get("Udp.Missing")).isZero();
    }
}
