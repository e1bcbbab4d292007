package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void residentMemoryComesFromVmRss() throws Exception {
        String status = "Name:\tjava\nVmPeak:\t 3012345 kB\nVmHWM:\t  120000 kB\nVmRSS:\t  101234 kB\nRssAnon:\t   80000 kB\n";
        assertThat(ProcStats.parseRssKib(status)).isEqualTo(101234);
    }

    @Test
    void threadTicksAddUserAndSystemTimeAfterANameWithSpaces() {
        String stat = "4242 (C2 Compiler) S 1 4242 4242 0 -1 4194368 100 0 0 0 250 40 0 0 20 0 30 0 123 0 0";
        assertThat(ProcStats.ticksOf(stat)).isEqualTo(290);
    }
}
