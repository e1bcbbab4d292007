package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.chainlightning.testbed.TestBed.Direction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link benchmark's pure parts: statistics, ping output, stalls, MPTCP counters, link sums. No root needed. */
class LinkBenchmarkHelpersTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesAreNearestRankSoTheyAreAlwaysMeasuredValues() {
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = 100 - i; // unsorted on purpose
        }
        assertThat(Percentiles.of(hundred, 50)).isEqualTo(50);
        assertThat(Percentiles.of(hundred, 99)).isEqualTo(99);
        assertThat(Percentiles.of(hundred, 100)).isEqualTo(100);
        assertThat(Percentiles.of(new double[] {3, 1, 2}, 50)).isEqualTo(2);
        assertThat(Percentiles.of(new double[] {7}, 99)).isEqualTo(7);
        assertThat(Percentiles.median(new double[] {4, 1, 3, 2})).isEqualTo(2); // the lower middle, not 2.5
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
        assertThatThrownBy(() -> Percentiles.of(hundred, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pingRepliesAreParsedWithArrivalTimeAndDuplicatesAndNoiseSkipped() {
        String out = """
                PING 10.99.0.1 (10.99.0.1) 1372(1400) bytes of data.
                [1764032400.100000] 1380 bytes from 10.99.0.1: icmp_seq=1 ttl=64 time=0.433 ms
                [1764032400.125000] 1380 bytes from 10.99.0.1: icmp_seq=2 ttl=64 time=5.00 ms
                [1764032400.126000] 1380 bytes from 10.99.0.1: icmp_seq=2 ttl=64 time=6.00 ms (DUP!)
                [1764032400.300000] 1380 bytes from 10.99.0.1: icmp_seq=5 ttl=64 time=120 ms

                --- 10.99.0.1 ping statistics ---
                5 packets transmitted, 3 received, 40% packet loss, time 80ms
                rtt min/avg/max/mdev = 0.433/41.811/120.000/55.400 ms
                """;
        List<PingOutput.Reply> replies = PingOutput.parse(out);
        assertThat(replies).extracting(PingOutput.Reply::seq).containsExactly(1, 2, 5);
        assertThat(replies.get(2).rttMs()).isEqualTo(120);
        assertThat(replies.get(2).sentEpochSeconds()).isCloseTo(1764032400.180, within(1e-6));
        assertThat(PingOutput.rtts(replies)).containsExactly(0.433, 5.0, 120.0);
        // seq 1..5 were sent, 3 answered
        assertThat(PingOutput.loss(replies)).isEqualTo(new PingOutput.Loss(5, 2));
        assertThat(PingOutput.loss(List.of()).share()).isZero();
        // windowed by send time: seq 5 left at .180, seq 2 at .120
        assertThat(PingOutput.sentBetween(replies, 1764032400.110, 1764032400.2))
                .extracting(PingOutput.Reply::seq).containsExactly(2, 5);
    }

    @Test
    void longestStallIsTheLongestGapBetweenProgressInstantsInTheWindow() {
        long[] progress = {10 * MS, 12 * MS, 14 * MS, 300 * MS, 302 * MS, 304 * MS};
        Stalls.Stall stall = Stalls.longest(progress, 0, 310 * MS);
        assertThat(stall.nanos()).isEqualTo(286 * MS);
        assertThat(stall.open()).isFalse();
        assertThat(stall.millis()).isEqualTo(286.0);
        // progress outside the window is ignored; the window's start counts as an edge
        assertThat(Stalls.longest(progress, 13 * MS, 301 * MS).nanos()).isEqualTo(286 * MS);
        assertThat(Stalls.longest(progress, 303 * MS, 310 * MS).nanos()).isEqualTo(6 * MS); // 304 to the end
    }

    @Test
    void aStallThatNeverEndsIsOpen() {
        Stalls.Stall stall = Stalls.longest(new long[] {10 * MS, 12 * MS}, 0, 1000 * MS);
        assertThat(stall.open()).isTrue();
        assertThat(stall.nanos()).isEqualTo(988 * MS);
        assertThat(Stalls.longest(new long[0], 0, 50 * MS)).isEqualTo(new Stalls.Stall(50 * MS, true));
        assertThatThrownBy(() -> Stalls.longest(new long[0], 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void netstatPairsBecomeNamedCounters() {
        String netstat = """
                TcpExt: SyncookiesSent SyncookiesRecv
                TcpExt: 0 3
                MPTcpExt: MPCapableSYNRX MPCapableSYNACKRX MPJoinSynAckRx
                MPTcpExt: 0 9 18
                """;
        Map<String, Long> counters = Mptcp.netstat(netstat);
        assertThat(counters).containsEntry("TcpExtSyncookiesRecv", 3L)
                .containsEntry(Mptcp.CAPABLE, 9L).containsEntry(Mptcp.JOINS, 18L);
        assertThatThrownBy(() -> Mptcp.netstat("TcpExt: A B\nIpExt: 1 2\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subflowNoteSaysWhenMptcpUsedOnePathOnly() {
        Map<String, Long> before = Map.of(Mptcp.CAPABLE, 2L, Mptcp.JOINS, 4L);
        assertThat(LinkMeasurement.subflowNote(before, Map.of(Mptcp.CAPABLE, 4L, Mptcp.JOINS, 8L), new double[] {0.2, 0.3, 0.5}))
                .isEqualTo("2 MPTCP conns, 4 joins, 3 links used");
        assertThat(LinkMeasurement.subflowNote(before, Map.of(Mptcp.CAPABLE, 4L, Mptcp.JOINS, 4L), new double[] {1, 0, 0}))
                .endsWith("ONE PATH ONLY");
        assertThat(LinkMeasurement.subflowNote(before, before, new double[] {1, 0, 0})).endsWith("fell back to plain TCP");
    }

    @Test
    void linkSharesAreByteDeltas() {
        assertThat(LinkMeasurement.shares(new long[] {100, 0, 50}, new long[] {300, 300, 550}))
                .containsExactly(0.2, 0.3, 0.5);
        assertThat(LinkMeasurement.shares(new long[] {1, 1}, new long[] {1, 1})).containsExactly(0, 0);
    }

    @Test
    void linkSumsFollowEachDirectionOfTheProfiles() {
        LinkScenario mix = LinkScenario.all().stream().filter(s -> s.matches("starlink")).findFirst().orElseThrow();
        assertThat(mix.linkSumMbit(Direction.UP)).isEqualTo(15 + 1 + 10);
        assertThat(mix.linkSumMbit(Direction.DOWN)).isEqualTo(100 + 16 + 30);
        LinkScenario delays = LinkScenario.all().stream().filter(s -> s.matches("DELAYS")).findFirst().orElseThrow();
        assertThat(delays.linkSumMbit(Direction.UP)).isEqualTo(100);
        assertThat(LinkScenario.all()).extracting(LinkScenario::name).doesNotHaveDuplicates().hasSize(6);
    }
}
