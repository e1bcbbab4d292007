package dev.chainlightning.testbed;

import dev.chainlightning.testbed.PcapFile.UdpDatagram;
import dev.chainlightning.wire.PacketHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fuzz mix: an endless, deterministic (same seed, same captures, same ports: same datagrams)
 * sequence of random datagrams and of replays and mutations of real captured packets, each
 * {@link FuzzKind} in proportion to its weight. Every mutation changes at least one byte, so only
 * the replay kinds ever send a genuine packet.
 */
public final class DatagramMutator {
    static final int MAX_RANDOM_LENGTH = 1500;
    static final int MIN_OVERSIZED = 2000;
    static final int MAX_OVERSIZED = 9000;
    static final int MAX_FLIPS = 8;
    static final int MAX_INSERT_REMOVE = 16;
    static final int MAX_EXTEND = 256;

    private final SplittableRandom random;
    private final List<UdpDatagram> captured;
    private final int[] ports;
    /** Each kind as many times as its weight: one uniform pick gives the weighted mix. */
    private final FuzzKind[] wheel;
    private int nextType;
    private int nextCipher;

    /**
     * @param captured real packets to replay and mutate, each at least a header long
     * @param ports    the server ports to aim at, at least two (replays go to another link's port too)
     */
    public DatagramMutator(long seed, List<UdpDatagram> captured, int[] ports) {
        if (captured.isEmpty()) {
            throw new IllegalArgumentException("need captured packets to mutate");
        }
        for (UdpDatagram d : captured) {
            if (d.payload().length < PacketHeader.LENGTH) {
                throw new IllegalArgumentException("a captured packet of " + d.payload().length + " bytes has no header");
            }
        }
        if (ports.length < 2) {
            throw new IllegalArgumentException("need at least two server ports, got " + ports.length);
        }
        this.random = new SplittableRandom(seed);
        this.captured = List.copyOf(captured);
        this.ports = ports.clone();
        List<FuzzKind> kinds = new ArrayList<>();
        for (FuzzKind kind : FuzzKind.values()) {
            for (int i = 0; i < kind.weight; i++) {
                kinds.add(kind);
            }
        }
        this.wheel = kinds.toArray(FuzzKind[]::new);
    }

    public FuzzDatagram next() {
        FuzzKind kind = wheel[random.nextInt(wheel.length)];
        if (kind == FuzzKind.RANDOM) {
            return new FuzzDatagram(kind, anyPort(), randomBytes(randomLength()));
        }
        UdpDatagram source = captured.get(random.nextInt(captured.size()));
        byte[] p = source.payload();
        return switch (kind) {
            case REPLAY -> new FuzzDatagram(kind, source.dstPort(), p.clone());
            case REPLAY_OTHER_PORT -> new FuzzDatagram(kind, portOtherThan(source.dstPort()), p.clone());
            case OVERSIZED -> new FuzzDatagram(kind, anyPort(), oversized(p));
            default -> new FuzzDatagram(kind, source.dstPort(), mutate(kind, p));
        };
    }

    private byte[] mutate(FuzzKind kind, byte[] p) {
        return switch (kind) {
            case FORGED -> forged(p);
            case FLIP -> flipped(p);
            case INSERT -> inserted(p);
            case REMOVE -> removed(p);
            case TRUNCATE -> Arrays.copyOf(p, random.nextInt(p.length));
            case EXTEND -> concat(p, randomBytes(1 + random.nextInt(MAX_EXTEND)));
            case HEADER_TYPE -> withByte(p, PacketHeader.TYPE_OFFSET, cycledOther(p[PacketHeader.TYPE_OFFSET], true));
            case HEADER_CIPHER -> withByte(p, PacketHeader.CIPHER_OFFSET, cycledOther(p[PacketHeader.CIPHER_OFFSET], false));
            case HEADER_LINK -> withByte(p, PacketHeader.LINK_OFFSET, otherByte(p[PacketHeader.LINK_OFFSET]));
            case HEADER_RESERVED -> withByte(p, PacketHeader.RESERVED_OFFSET, otherByte(p[PacketHeader.RESERVED_OFFSET]));
            case HEADER_SESSION -> withSession(p);
            case HEADER_COUNTER -> withCounter(p);
            default -> throw new IllegalStateException("not a mutation: " + kind);
        };
    }

    /** Mostly uniform over 0..1500, but 0 and 1 bytes (the shortest reads) one time in 20 each. */
    private int randomLength() {
        int pick = random.nextInt(20);
        return pick < 2 ? pick : random.nextInt(MAX_RANDOM_LENGTH + 1);
    }

    /** The real header, so the receiver gets as far as authentication, then random bytes. */
    private byte[] forged(byte[] p) {
        byte[] b = randomBytes(PacketHeader.LENGTH + random.nextInt(MAX_RANDOM_LENGTH - PacketHeader.LENGTH + 1));
        System.arraycopy(p, 0, b, 0, PacketHeader.LENGTH);
        return b;
    }

    /** 1 to 8 distinct positions, each XORed with a non-zero byte: never cancels out. */
    private byte[] flipped(byte[] p) {
        byte[] b = p.clone();
        int flips = Math.min(b.length, 1 + random.nextInt(MAX_FLIPS));
        boolean[] flipped = new boolean[b.length];
        for (int done = 0; done < flips; ) {
            int at = random.nextInt(b.length);
            if (!flipped[at]) {
                flipped[at] = true;
                b[at] ^= (byte) (1 + random.nextInt(255));
                done++;
            }
        }
        return b;
    }

    private byte[] inserted(byte[] p) {
        int at = random.nextInt(p.length + 1);
        byte[] extra = randomBytes(1 + random.nextInt(MAX_INSERT_REMOVE));
        return concat(concat(Arrays.copyOf(p, at), extra), Arrays.copyOfRange(p, at, p.length));
    }

    private byte[] removed(byte[] p) {
        int n = 1 + random.nextInt(Math.min(MAX_INSERT_REMOVE, p.length - 1));
        int at = random.nextInt(p.length - n + 1);
        return concat(Arrays.copyOf(p, at), Arrays.copyOfRange(p, at + n, p.length));
    }

    private byte[] oversized(byte[] p) {
        int length = MIN_OVERSIZED + random.nextInt(MAX_OVERSIZED - MIN_OVERSIZED + 1);
        // Half pure noise, half a real packet padded: a receiver that reads only the start must still refuse it.
        return random.nextBoolean() ? randomBytes(length) : concat(p, randomBytes(length - p.length));
    }

    /** The next value of the kind's 0..255 cycle, skipping the packet's own (that would be a replay). */
    private byte cycledOther(byte own, boolean type) {
        int value = (type ? nextType++ : nextCipher++) & 0xff;
        if ((byte) value == own) {
            value = (type ? nextType++ : nextCipher++) & 0xff;
        }
        return (byte) value;
    }

    private byte otherByte(byte own) {
        return (byte) (own ^ (1 + random.nextInt(255)));
    }

    private byte[] withSession(byte[] p) {
        byte[] b = p.clone();
        ByteBuffer.wrap(b).putInt(PacketHeader.SESSION_OFFSET,
                ByteBuffer.wrap(p).getInt(PacketHeader.SESSION_OFFSET) ^ (1 + random.nextInt(Integer.MAX_VALUE)));
        return b;
    }

    /** The counters a forger would try: the neighbours, the extremes, anything. */
    private byte[] withCounter(byte[] p) {
        long own = ByteBuffer.wrap(p).getLong(PacketHeader.COUNTER_OFFSET);
        long counter = switch (random.nextInt(5)) {
            case 0 -> own + 1;
            case 1 -> own - 1;
            case 2 -> 0;
            case 3 -> Long.MAX_VALUE;
            default -> random.nextLong();
        };
        if (counter == own) {
            counter ^= 1;
        }
        byte[] b = p.clone();
        ByteBuffer.wrap(b).putLong(PacketHeader.COUNTER_OFFSET, counter);
        return b;
    }

    private static byte[] withByte(byte[] p, int at, byte value) {
        byte[] b = p.clone();
        b[at] = value;
        return b;
    }

    private int anyPort() {
        return ports[random.nextInt(ports.length)];
    }

    private int portOtherThan(int port) {
        int pick;
        do {
            pick = anyPort();
        } while (pick == port);
        return pick;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
