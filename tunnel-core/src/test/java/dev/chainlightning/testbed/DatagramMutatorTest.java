package dev.chainlightning.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import dev.chainlightning.wire.PacketHeader;
import dev.chainlightning.wire.PacketType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatagramMutatorTest {
    private static final int[] PORTS = {9001, 9002, 9003, 9004, 9005};
    private static final int SAMPLES = 20_000;

    @Test
    void theSameSeedGivesTheSameDatagramsAndAnotherSeedOthers() {
        List<UdpDatagram> captured = captured();
        DatagramMutator a = new DatagramMutator(42, captured, PORTS);
        DatagramMutator b = new DatagramMutator(42, captured, PORTS);
        DatagramMutator c = new DatagramMutator(43, captured, PORTS);
        int differentFromC = 0;
        for (int i = 0; i < SAMPLES; i++) {
            FuzzDatagram x = a.next();
            FuzzDatagram y = b.next();
            FuzzDatagram z = c.next();
            assertThat(y.kind()).isEqualTo(x.kind());
            assertThat(y.port()).isEqualTo(x.port());
            assertThat(y.bytes()).isEqualTo(x.bytes());
            if (z.kind() != x.kind() || !Arrays.equals(z.bytes(), x.bytes())) {
                differentFromC++;
            }
        }
        assertThat(differentFromC).isGreaterThan(SAMPLES * 9 / 10);
    }

    @Test
    void everyKindComesInRoughlyItsShare() {
        Map<FuzzKind, Integer> counts = new EnumMap<>(FuzzKind.class);
        DatagramMutator mix = new DatagramMutator(1, captured(), PORTS);
        for (int i = 0; i < SAMPLES; i++) {
            counts.merge(mix.next().kind(), 1, Integer::sum);
        }
        int weights = Arrays.stream(FuzzKind.values()).mapToInt(k -> k.weight).sum();
        for (FuzzKind kind : FuzzKind.values()) {
            double expected = (double) SAMPLES * kind.weight / weights;
            assertThat(counts.getOrDefault(kind, 0)).as(kind.name()).isBetween((int) (expected * 0.8), (int) (expected * 1.2));
        }
    }

    @Test
    void onlyReplaysAreGenuinePacketsAndEveryKindKeepsItsShape() {
        List<UdpDatagram> captured = captured();
        Set<String> genuine = new HashSet<>();
        for (UdpDatagram d : captured) {
            genuine.add(Arrays.toString(d.payload()));
        }
        Set<Integer> randomLengths = new HashSet<>();
        Set<FuzzKind> seen = EnumSet.noneOf(FuzzKind.class);
        DatagramMutator mix = new DatagramMutator(7, captured, PORTS);
        for (int i = 0; i < SAMPLES; i++) {
            FuzzDatagram d = mix.next();
            seen.add(d.kind());
            byte[] b = d.bytes();
            assertThat(PORTS).contains(d.port());
            assertThat(genuine.contains(Arrays.toString(b))).as(d.kind() + " is a genuine packet").isEqualTo(d.kind().isReplay());
            switch (d.kind()) {
                case RANDOM -> {
                    assertThat(b.length).isBetween(0, DatagramMutator.MAX_RANDOM_LENGTH);
                    randomLengths.add(b.length);
                }
                case OVERSIZED -> assertThat(b.length).isBetween(DatagramMutator.MIN_OVERSIZED, DatagramMutator.MAX_OVERSIZED);
                case REPLAY -> assertThat(d.port()).isEqualTo(capturedPortOf(captured, b));
                case REPLAY_OTHER_PORT -> assertThat(d.port()).isNotEqualTo(capturedPortOf(captured, b));
                case FORGED -> assertThat(genuineHeader(captured, b)).isTrue();
                default -> {
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(FuzzKind.values());
        assertThat(randomLengths).as("empty and 1-byte datagrams").contains(0, 1);
    }

    @Test
    void headerMutationsChangeExactlyTheirFieldAndTheTypeCyclesThroughAllValues() {
        byte[] packet = packet(PacketType.DATA, 2, 0x1234abcd, 77, 300);
        List<UdpDatagram> one = List.of(new UdpDatagram(9002, packet));
        Map<FuzzKind, int[]> fields = Map.of(
                FuzzKind.HEADER_TYPE, new int[] {PacketHeader.TYPE_OFFSET, 1},
                FuzzKind.HEADER_LINK, new int[] {PacketHeader.LINK_OFFSET, 1},
                FuzzKind.HEADER_CIPHER, new int[] {PacketHeader.CIPHER_OFFSET, 1},
                FuzzKind.HEADER_RESERVED, new int[] {PacketHeader.RESERVED_OFFSET, 1},
                FuzzKind.HEADER_SESSION, new int[] {PacketHeader.SESSION_OFFSET, 4},
                FuzzKind.HEADER_COUNTER, new int[] {PacketHeader.COUNTER_OFFSET, 8});
        Set<Integer> types = new HashSet<>();
        DatagramMutator mix = new DatagramMutator(3, one, PORTS);
        for (int i = 0; i < 50_000; i++) {
            FuzzDatagram d = mix.next();
            int[] field = fields.get(d.kind());
            if (field == null) {
                continue;
            }
            assertThat(d.bytes()).hasSameSizeAs(packet);
            assertThat(d.port()).isEqualTo(9002);
            boolean fieldChanged = false;
            for (int at = 0; at < packet.length; at++) {
                boolean inField = at >= field[0] && at < field[0] + field[1];
                if (!inField) {
                    assertThat(d.bytes()[at]).as(d.kind() + " byte " + at).isEqualTo(packet[at]);
                } else if (d.bytes()[at] != packet[at]) {
                    fieldChanged = true;
                }
            }
            assertThat(fieldChanged).as(d.kind() + " changed its field").isTrue();
            if (d.kind() == FuzzKind.HEADER_TYPE) {
                types.add(d.bytes()[PacketHeader.TYPE_OFFSET] & 0xff);
            }
        }
        assertThat(types).as("every type byte but the packet's own").hasSize(255).doesNotContain((int) PacketType.DATA);
    }

    @Test
    void needsCapturesWithHeadersAndTwoPorts() {
        assertThatThrownBy(() -> new DatagramMutator(1, List.of(), PORTS)).hasMessageContaining("captured");
        assertThatThrownBy(() -> new DatagramMutator(1, List.of(new UdpDatagram(9001, new byte[5])), PORTS))
                .hasMessageContaining("no header");
        assertThatThrownBy(() -> new DatagramMutator(1, captured(), new int[] {9001})).hasMessageContaining("two server ports");
    }

    /** Look-alikes of a real capture: data and heartbeats on three links, random bodies. */
    private static List<UdpDatagram> captured() {
        Random random = new Random(99);
        List<UdpDatagram> list = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte type = i % 3 == 0 ? PacketType.HEARTBEAT : i % 5 == 0 ? PacketType.HEARTBEAT_ACK : PacketType.DATA;
            int link = i % 3;
            byte[] p = packet(type, link, 0x0badcafe, 1000 + i, type == PacketType.DATA ? 1200 + random.nextInt(200) : 70);
            list.add(new UdpDatagram(9001 + link, p));
        }
        return list;
    }

    private static byte[] packet(byte type, int link, int session, long counter, int length) {
        byte[] p = new byte[length];
        new Random(counter).nextBytes(p);
        PacketHeader.write(ByteBuffer.wrap(p), 0, type, link, 1, session, counter);
        return p;
    }

    private static int capturedPortOf(List<UdpDatagram> captured, byte[] bytes) {
        return captured.stream().filter(d -> Arrays.equals(d.payload(), bytes)).findFirst().orElseThrow().dstPort();
    }

    private static boolean genuineHeader(List<UdpDatagram> captured, byte[] bytes) {
        byte[] header = Arrays.copyOf(bytes, PacketHeader.LENGTH);
        return captured.stream().anyMatch(d -> Arrays.equals(Arrays.copyOf(d.payload(), PacketHeader.LENGTH), header));
    }
}
