package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class IperfUdpRateTest {

    @Test
    void receivedRateCountsOnlyTheDatagramsThatArrived() throws Exception {
        // iperf3 3.12, -u -l 1400 -b 300M -t 2 over loopback: 53554 sent, 46 lost, in 2.000273 s.
        JsonNode report;
        try (InputStream in = IperfUdpRateTest.class.getResourceAsStream("/iperf3/udp-1400-loopback.json")) {
            report = new ObjectMapper().readTree(in);
        }
        Iperf.UdpRate rate = Iperf.parseUdpRate(report);
        assertThat(rate.receivedPerSecond()).isCloseTo((53554 - 46) / 2.000273, within(0.01));
        assertThat(rate.lostPercent()).isCloseTo(0.0859, within(0.0001));
    }

    @Test
    void aWarningBeforeTheReportIsSkipped() throws Exception {
        String output = "warning: UDP block size 1400 exceeds TCP MSS 1388, may result in fragmentation / drops\n{\"end\": {}}";
        assertThat(Iperf.Transfer.withoutWarnings(output)).isEqualTo("{\"end\": {}}");
        assertThat(Iperf.Transfer.withoutWarnings("{}")).isEqualTo("{}");
    }

    @Test
    void aReportWithoutReceiverSumIsAnError() throws Exception {
        JsonNode failed = new ObjectMapper().readTree("{\"error\": \"unable to connect to server\"}");
        assertThatThrownBy(() -> Iperf.parseUdpRate(failed)).hasMessageContaining("unable to connect");
    }

    @Test
    void aLostSetUpDatagramIsToldApartFromARunThatMeasuredSomething() throws Exception {
        // Captured in a CI run of FecEndToEndTest: 3% loss on one link, FEC off, and iperf3 3.12
        // waited 30 s for the answer to its one set-up datagram.
        JsonNode lost;
        JsonNode measured;
        try (InputStream a = IperfUdpRateTest.class.getResourceAsStream("/iperf3/udp-set-up-lost.json");
             InputStream b = IperfUdpRateTest.class.getResourceAsStream("/iperf3/udp-1400-loopback.json")) {
            lost = new ObjectMapper().readTree(a);
            measured = new ObjectMapper().readTree(b);
        }
        assertThat(Iperf.udpSetUpLost(lost)).isTrue();
        assertThat(Iperf.udpSetUpLost(measured)).isFalse();
        assertThat(Iperf.udpSetUpLost(new ObjectMapper().readTree("{\"error\": \"unable to connect to server\"}"))).isFalse();
    }
}
