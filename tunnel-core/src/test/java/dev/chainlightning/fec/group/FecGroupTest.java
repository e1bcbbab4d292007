package dev.chainlightning.fec.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.wire.ParityBody;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The tunnel's FEC, sender to receiver, in memory: what is lost, what is rebuilt, and what is refused. */
class FecGroupTest {
    private static final int MTU = 1433;
    private static final long MS = 1_000_000;

    /** A datagram as it would cross a link: a data packet or a parity body. */
    private record Shard(boolean parity, int sequence, byte[] bytes) {
    }

    private final Map<Integer, byte[]> rebuilt = new HashMap<>();
    private final FecDecoder decoder = new FecDecoder(1024, 64, 10, 3, MTU, (sequence, packet) -> {
        byte[] copy = new byte[packet.remaining()];
        packet.get(packet.position(), copy);
        assertThat(rebuilt.put(sequence, copy)).as("sequence %d rebuilt twice", sequence).isNull();
    });

    /** An IPv4 packet of the given length with random contents behind a header that states that length. */
    private static byte[] ipPacket(Random random, int length) {
        byte[] packet = new byte[length];
        random.nextBytes(packet);
        packet[0] = 0x45;
        packet[2] = (byte) (length >>> 8);
        packet[3] = (byte) length;
        return packet;
    }

    /** Sends {@code packets} through a fixed-mode encoder and returns every datagram it makes, in send order. */
    private static List<Shard> encode(List<byte[]> packets, int groupSize, int repair, int firstSequence) {
        List<Shard> out = new ArrayList<>();
        FecEncoder encoder = new FecEncoder(groupSize, repair, false, 5 * MS, MTU);
        FecEncoder.ParitySink sink = (first, k, m, j, shard, length) -> {
            ByteBuffer body = ByteBuffer.allocate(ParityBody.SHARD_OFFSET + length);
            ParityBody.writeHeader(body, first, k, m, j);
            body.put(ParityBody.SHARD_OFFSET, shard, 0, length);
            out.add(new Shard(true, first, body.array()));
        };
        int sequence = firstSequence;
        for (byte[] packet : packets) {
            out.add(new Shard(false, sequence, packet));
            encoder.add(sequence++, ByteBuffer.wrap(packet), 0);
            if (encoder.isFull()) {
                encoder.close(0, sink);
            }
        }
        encoder.close(0, sink); // a partial last group
        return out;
    }

    private void deliver(Shard shard) {
        if (shard.parity()) {
            assertThat(decoder.onParity(ByteBuffer.wrap(shard.bytes()))).isTrue();
        } else {
            decoder.onData(shard.sequence(), ByteBuffer.wrap(shard.bytes()));
        }
    }

    @RepeatedTest(20)
    void upToMLostShardsPerGroupAreRebuiltExactly() {
        Random random = new Random();
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            packets.add(ipPacket(random, 20 + random.nextInt(MTU - 20)));
        }
        List<Shard> sent = encode(packets, 10, 3, 1000);
        // Lose up to 3 of each group's 13 datagrams (data or parity), then deliver the rest in random order.
        List<Shard> arriving = new ArrayList<>();
        Map<Integer, byte[]> lost = new HashMap<>();
        for (int group = 0; group < 10; group++) {
            List<Shard> members = new ArrayList<>();
            for (Shard s : sent) {
                int first = 1000 + 10 * group;
                if (s.parity() ? s.sequence() == first : s.sequence() >= first && s.sequence() < first + 10) {
                    members.add(s);
                }
            }
            Collections.shuffle(members, random);
            int losses = random.nextInt(Math.min(3, members.size() - 1) + 1);
            for (int i = 0; i < members.size(); i++) {
                Shard s = members.get(i);
                if (i < losses) {
                    if (!s.parity()) {
                        lost.put(s.sequence(), s.bytes());
                    }
                } else {
                    arriving.add(s);
                }
            }
        }
        Collections.shuffle(arriving, random);
        arriving.forEach(this::deliver);

        // Every lost packet is rebuilt. So may be packets that were only late: a group is rebuilt as
        // soon as k of its shards are in, and the reorder buffer drops the late original.
        assertThat(rebuilt.keySet()).containsAll(lost.keySet());
        Map<Integer, byte[]> original = new HashMap<>();
        sent.stream().filter(s -> !s.parity()).forEach(s -> original.put(s.sequence(), s.bytes()));
        rebuilt.forEach((sequence, bytes) -> assertThat(bytes).as("sequence %d", sequence).isEqualTo(original.get(sequence)));
        assertThat(decoder.recovered()).isEqualTo(rebuilt.size());
    }

    @Test
    void morePacketsLostThanParityAreNotRebuiltAndCountAsUnrecoverable() {
        Random random = new Random(7);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            packets.add(ipPacket(random, 100 + i));
        }
        List<Shard> sent = encode(packets, 10, 3, 0);
        sent.stream().filter(s -> s.parity() || s.sequence() >= 4).forEach(this::deliver); // 4 of 10 data lost, 3 parity
        assertThat(rebuilt).isEmpty();
        // The group is pushed out of the table by later groups: it is counted, not kept forever.
        List<byte[]> later = new ArrayList<>();
        for (int i = 0; i < 10 * 200; i++) {
            later.add(ipPacket(random, 60));
        }
        encode(later, 10, 3, 10).forEach(this::deliver);
        assertThat(decoder.unrecoverable()).isEqualTo(1);
    }

    @Test
    void aPartialGroupIsProtectedToo() {
        Random random = new Random(3);
        List<byte[]> packets = List.of(ipPacket(random, 84), ipPacket(random, 1400), ipPacket(random, 40));
        List<Shard> sent = encode(packets, 10, 2, 500);
        assertThat(sent.stream().filter(Shard::parity).count()).isEqualTo(2);
        sent.stream().filter(s -> s.parity() || s.sequence() == 501).forEach(this::deliver);
        assertThat(rebuilt.get(500)).isEqualTo(packets.get(0));
        assertThat(rebuilt.get(502)).isEqualTo(packets.get(2));
    }

    @Test
    void nothingIsRebuiltWhenNothingIsLost() {
        Random random = new Random(5);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            packets.add(ipPacket(random, 20 + random.nextInt(1000)));
        }
        encode(packets, 10, 3, 0).forEach(this::deliver);
        assertThat(rebuilt).isEmpty();
        assertThat(decoder.parityReceived()).isEqualTo(9);
    }

    @Test
    void nonsenseParityIsRefused() {
        ByteBuffer body = ByteBuffer.allocate(ParityBody.SHARD_OFFSET + 100);
        ParityBody.writeHeader(body, 0, 11, 3, 0); // more data packets than the group size allows
        assertThat(decoder.onParity(body)).isFalse();
        ParityBody.writeHeader(body, 0, 10, 3, 3); // index out of range
        assertThat(decoder.onParity(body)).isFalse();
        assertThat(decoder.malformed()).isEqualTo(2);
    }

    @Test
    void adaptivePolicySendsNoParityWithoutLossAndMoreWithMore() {
        RepairPolicy policy = new RepairPolicy(8, true, 10);
        assertThat(policy.repairFor(10, 0)).isZero();
        int at1 = policy.repairFor(10, 10_000);
        int at3 = policy.repairFor(10, 30_000);
        int at10 = policy.repairFor(10, 100_000);
        assertThat(at1).isBetween(1, at3);
        assertThat(at3).isLessThanOrEqualTo(at10);
        assertThat(at10).isGreaterThan(at1);
        assertThat(policy.repairFor(10, 900_000)).isEqualTo(8);
        assertThat(new RepairPolicy(3, false, 10).repairFor(10, 0)).isEqualTo(3);
        // The choice meets the target: losing more than m of k + m is rarer than 1 in 1000.
        assertThat(RepairPolicy.tailAbove(10 + at3, at3, 0.03)).isLessThan(RepairPolicy.TARGET_FAILURE);
        assertThat(RepairPolicy.tailAbove(10 + at3 - 1, at3 - 1, 0.03)).isGreaterThanOrEqualTo(RepairPolicy.TARGET_FAILURE);
    }

    @Test
    void lossMeterSeesTheShareOfPacketsTheLinksLost() {
        LossMeter meter = new LossMeter();
        long delivered = 0;
        long missing = 0;
        meter.sampleLossPpm(delivered, missing, false);
        for (int interval = 0; interval < 30; interval++) {
            delivered += 100;
            missing += 5; // 5 of every 100 lost (given up, or rebuilt with no original ever coming)
            meter.sampleLossPpm(delivered, missing, false);
        }
        assertThat(meter.sampleLossPpm(delivered, missing, false)).isBetween(45_000, 55_000);
        // Loss while the queues fill is congestion, not line loss: the figure falls away.
        for (int interval = 0; interval < 30; interval++) {
            delivered += 100;
            missing += 5;
            meter.sampleLossPpm(delivered, missing, true);
        }
        assertThat(meter.sampleLossPpm(delivered, missing, true)).isLessThan(1_000);
    }
}
