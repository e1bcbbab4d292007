package dev.chainlightning.fec.group;

import dev.chainlightning.fec.NotEnoughShardsException;
import dev.chainlightning.wire.ParityBody;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The receiving half of the tunnel's FEC. It keeps a copy of the latest data packets and the
 * parity shards of the groups in flight; as soon as a group has k of its k + m shards, the missing
 * data packets are rebuilt and handed on (to the reorder buffer, which puts them in place).
 *
 * <p>State is bounded: a window of recent data packets and a fixed table of groups; a group that
 * is pushed out of the table before it could be completed is counted as unrecoverable. Receive
 * thread only; allocates nothing per packet.
 */
public final class FecDecoder {
    /** Receives a rebuilt data packet (position to limit); must not keep the buffer. */
    public interface RecoveredSink {
        void recovered(int sequence, ByteBuffer packet);
    }

    private static final int MIN_IP_PACKET = 20;

    private final int maxData;
    private final int maxParity;
    private final int maxPacket;
    private final RecoveredSink sink;
    private final CodecCache codecs;

    // Recent data packets, by sequence number modulo the window.
    private final int windowMask;
    private final byte[][] data;
    private final int[] dataSequence;
    private final int[] dataLength;
    private final boolean[] dataPresent;
    /** For each window slot, the group table entry whose range covers it (or -1), checked against the group's range. */
    private final int[] groupOfSlot;

    // Groups in flight.
    private final int groupMask;
    private final boolean[] groupLive;
    private final boolean[] groupDone;
    private final int[] groupFirst;
    private final int[] groupData;
    private final int[] groupParity;
    private final int[] groupShardLength;
    private final byte[][][] parity;
    private final boolean[][] parityPresent;
    private int nextGroup;

    // Scratch for one reconstruction.
    private final byte[][] missing;
    private final ByteBuffer[] missingView;
    private final byte[][] spareParity;
    private final byte[][][] shardView;
    private final boolean[][] presentView;

    private long recovered;
    private long unrecoverable;
    private long parityReceived;
    private long malformed;

    public FecDecoder(int window, int groups, int maxData, int maxParity, int maxPacket, RecoveredSink sink) {
        if (Integer.bitCount(window) != 1 || Integer.bitCount(groups) != 1 || window < 2 * maxData) {
            throw new IllegalArgumentException("window and groups must be powers of two, window >= 2 * maxData");
        }
        this.maxData = maxData;
        this.maxParity = maxParity;
        this.maxPacket = maxPacket;
        this.sink = sink;
        this.codecs = new CodecCache(maxData, maxParity);
        this.windowMask = window - 1;
        this.data = new byte[window][maxPacket];
        this.dataSequence = new int[window];
        this.dataLength = new int[window];
        this.dataPresent = new boolean[window];
        this.groupOfSlot = new int[window];
        Arrays.fill(groupOfSlot, -1);
        this.groupMask = groups - 1;
        this.groupLive = new boolean[groups];
        this.groupDone = new boolean[groups];
        this.groupFirst = new int[groups];
        this.groupData = new int[groups];
        this.groupParity = new int[groups];
        this.groupShardLength = new int[groups];
        this.parity = new byte[groups][maxParity][maxPacket];
        this.parityPresent = new boolean[groups][maxParity];
        this.missing = new byte[maxParity][maxPacket];
        this.missingView = new ByteBuffer[maxParity];
        for (int i = 0; i < maxParity; i++) {
            missingView[i] = ByteBuffer.wrap(missing[i]);
        }
        this.spareParity = new byte[maxParity][maxPacket];
        this.shardView = new byte[maxData + maxParity + 1][][];
        this.presentView = new boolean[maxData + maxParity + 1][];
        for (int n = 1; n < shardView.length; n++) {
            shardView[n] = new byte[n][];
            presentView[n] = new boolean[n];
        }
    }

    /** A data packet (position to limit) arrived over a link. */
    public void onData(int sequence, ByteBuffer packet) {
        int length = packet.remaining();
        if (length > maxPacket) {
            return;
        }
        int slot = sequence & windowMask;
        packet.get(packet.position(), data[slot], 0, length);
        dataSequence[slot] = sequence;
        dataLength[slot] = length;
        dataPresent[slot] = true;
        int group = groupOfSlot[slot];
        if (group >= 0 && covers(group, sequence)) {
            tryRecover(group);
        }
    }

    /** A parity packet's decrypted body arrived. Returns false (and counts it) when it is not a valid one. */
    public boolean onParity(ByteBuffer body) {
        int shardLength = body.limit() - ParityBody.SHARD_OFFSET;
        int first = ParityBody.firstSequence(body);
        int k = ParityBody.dataCount(body);
        int m = ParityBody.parityCount(body);
        int index = ParityBody.index(body);
        if (k < 1 || k > maxData || m < 1 || m > maxParity || index >= m || shardLength < MIN_IP_PACKET || shardLength > maxPacket) {
            malformed++;
            return false;
        }
        int group = findGroup(first);
        if (group < 0) {
            group = nextGroup++ & groupMask; // groups arrive roughly in order, so this replaces the oldest
            evict(group);
            open(group, first, k, m, shardLength);
        } else if (groupData[group] != k || groupParity[group] != m || groupShardLength[group] != shardLength) {
            malformed++; // a second description of the same group that disagrees with the first
            return false;
        }
        parityReceived++;
        body.get(ParityBody.SHARD_OFFSET, parity[group][index], 0, shardLength);
        parityPresent[group][index] = true;
        tryRecover(group);
        return true;
    }

    private int findGroup(int first) {
        for (int g = 0; g <= groupMask; g++) {
            if (groupLive[g] && groupFirst[g] == first) {
                return g;
            }
        }
        return -1;
    }

    private void open(int group, int first, int k, int m, int shardLength) {
        groupLive[group] = true;
        groupDone[group] = false;
        groupFirst[group] = first;
        groupData[group] = k;
        groupParity[group] = m;
        groupShardLength[group] = shardLength;
        Arrays.fill(parityPresent[group], false);
        for (int i = 0; i < k; i++) {
            groupOfSlot[(first + i) & windowMask] = group;
        }
    }

    /** A group that leaves the table with data still missing could never be rebuilt. */
    private void evict(int group) {
        if (groupLive[group] && !groupDone[group] && missingData(group) > 0) {
            unrecoverable++;
        }
        groupLive[group] = false;
    }

    private boolean covers(int group, int sequence) {
        int offset = sequence - groupFirst[group];
        return groupLive[group] && offset >= 0 && offset < groupData[group];
    }

    private boolean hasData(int sequence) {
        int slot = sequence & windowMask;
        return dataPresent[slot] && dataSequence[slot] == sequence;
    }

    private int missingData(int group) {
        int missingCount = 0;
        for (int i = 0; i < groupData[group]; i++) {
            if (!hasData(groupFirst[group] + i)) {
                missingCount++;
            }
        }
        return missingCount;
    }

    private void tryRecover(int group) {
        if (groupDone[group]) {
            return;
        }
        int k = groupData[group];
        int m = groupParity[group];
        int missingCount = missingData(group);
        if (missingCount == 0) {
            groupDone[group] = true;
            return;
        }
        int parityCount = 0;
        for (int j = 0; j < m; j++) {
            if (parityPresent[group][j]) {
                parityCount++;
            }
        }
        if (k - missingCount + parityCount < k) {
            return; // not yet: wait for more shards
        }
        groupDone[group] = true; // first: rebuilt packets pass through onData, which must not start another rebuild
        rebuild(group, k, m);
    }

    private void rebuild(int group, int k, int m) {
        int length = groupShardLength[group];
        int first = groupFirst[group];
        byte[][] shards = shardView[k + m];
        boolean[] present = presentView[k + m];
        int scratch = 0;
        for (int i = 0; i < k; i++) {
            int slot = (first + i) & windowMask;
            if (hasData(first + i)) {
                if (dataLength[slot] > length) {
                    unrecoverable++; // cannot be part of this group: the sender padded to a shorter length
                    return;
                }
                Arrays.fill(data[slot], dataLength[slot], length, (byte) 0);
                shards[i] = data[slot];
                present[i] = true;
            } else {
                shards[i] = missing[scratch++];
                present[i] = false;
            }
        }
        for (int j = 0; j < m; j++) {
            present[k + j] = parityPresent[group][j];
            shards[k + j] = present[k + j] ? parity[group][j] : spareParity[j];
        }
        try {
            codecs.codec(k, m).reconstructData(shards, present, 0, length);
        } catch (NotEnoughShardsException e) {
            unrecoverable++; // tryRecover counted enough shards; only a logic error could get here
            return;
        }
        scratch = 0;
        for (int i = 0; i < k; i++) {
            if (present[i]) {
                continue;
            }
            int packetLength = ipLength(shards[i], length);
            ByteBuffer view = missingView[scratch++];
            if (packetLength < 0) {
                unrecoverable++;
                continue;
            }
            recovered++;
            view.clear().limit(packetLength);
            onData(first + i, view); // keep it, so a later parity packet does not rebuild it again
            view.position(0);
            sink.recovered(first + i, view);
        }
    }

    /** The length an IPv4 or IPv6 packet states for itself, or -1 when the bytes are no such packet. */
    private static int ipLength(byte[] packet, int available) {
        int version = (packet[0] & 0xff) >>> 4;
        int length;
        if (version == 4) {
            length = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
        } else if (version == 6) {
            length = 40 + (((packet[4] & 0xff) << 8) | (packet[5] & 0xff));
        } else {
            return -1;
        }
        return length >= MIN_IP_PACKET && length <= available ? length : -1;
    }

    public long recovered() {
        return recovered;
    }

    public long unrecoverable() {
        return unrecoverable;
    }

    public long parityReceived() {
        return parityReceived;
    }

    public long malformed() {
        return malformed;
    }
}
