package dev.chainlightning.fec.group;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The sending half of the tunnel's FEC. Data packets are sent at once and also copied here; when
 * the group holds {@code groupSize} packets, or its first packet has waited {@code maxWait}, the
 * group is closed and its parity shards are handed out to be sent. A systematic code, so nothing
 * is ever delayed for FEC. Send thread only; allocates nothing per packet.
 */
public final class FecEncoder {
    /** Receives the parity shards of a closed group. */
    public interface ParitySink {
        void parity(int firstSequence, int dataCount, int parityCount, int index, byte[] shard, int length);
    }

    private final int groupSize;
    private final long maxWaitNanos;
    private final RepairPolicy policy;
    private final CodecCache codecs;
    private final byte[][] shards;
    private final int[] lengths;
    private final byte[][][] view;
    private int count;
    private int firstSequence;
    private int longest;
    private long openedNanos;
    private long groupsClosed;

    public FecEncoder(int groupSize, int maxRepair, boolean adaptive, long maxWaitNanos, int maxPacket) {
        this.groupSize = groupSize;
        this.maxWaitNanos = maxWaitNanos;
        this.policy = new RepairPolicy(maxRepair, adaptive, groupSize);
        this.codecs = new CodecCache(groupSize, maxRepair);
        this.shards = new byte[groupSize + maxRepair][maxPacket];
        this.lengths = new int[groupSize];
        this.view = new byte[groupSize + maxRepair + 1][][];
        for (int n = 1; n < view.length; n++) {
            view[n] = new byte[n][];
        }
    }

    /** Copies a data packet (position to limit) that was just sent with {@code sequence} into the open group. */
    public void add(int sequence, ByteBuffer packet, long nowNanos) {
        if (count == 0) {
            firstSequence = sequence;
            openedNanos = nowNanos;
        }
        int length = packet.remaining();
        packet.get(packet.position(), shards[count], 0, length);
        lengths[count] = length;
        longest = Math.max(longest, length);
        count++;
    }

    public boolean isFull() {
        return count == groupSize;
    }

    public boolean isOpen() {
        return count > 0;
    }

    /** When the open group must be closed even if not full; meaningless when no group is open. */
    public long deadlineNanos() {
        return openedNanos + maxWaitNanos;
    }

    /** How many data packets the next group may hold before it closes by itself. */
    public int groupSize() {
        return groupSize;
    }

    /**
     * Closes the open group: computes its parity (as many shards as the policy says for the loss
     * the peer reports) and hands each to {@code sink}. Returns the number of parity shards.
     */
    public int close(int peerLossPpm, ParitySink sink) {
        if (count == 0) {
            return 0;
        }
        int k = count;
        int m = policy.repairFor(k, peerLossPpm);
        if (m > 0) {
            for (int i = 0; i < k; i++) {
                Arrays.fill(shards[i], lengths[i], longest, (byte) 0); // shards are zero-padded to the longest
            }
            byte[][] group = view[k + m];
            System.arraycopy(shards, 0, group, 0, k);
            System.arraycopy(shards, groupSize, group, k, m);
            codecs.codec(k, m).encodeParity(group, 0, longest);
            for (int j = 0; j < m; j++) {
                sink.parity(firstSequence, k, m, j, group[k + j], longest);
            }
        }
        groupsClosed++;
        count = 0;
        longest = 0;
        return m;
    }

    public long groupsClosed() {
        return groupsClosed;
    }
}
