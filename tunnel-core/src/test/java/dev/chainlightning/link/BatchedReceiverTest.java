package dev.chainlightning.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Over loopback: every queued datagram comes out whole, in order, with the address it came from. */
class BatchedReceiverTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static DatagramChannel bound() throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        channel.configureBlocking(false);
        return channel;
    }

    private record Got(int length, byte first, InetSocketAddress from) {
    }

    @Test
    void drainsMoreThanOneBatchWithSendersAndLengths() throws IOException {
        try (DatagramChannel receiver = bound(); DatagramChannel a = bound(); DatagramChannel b = bound()) {
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            int count = BatchedReceiver.BATCH * 2 + 3;
            for (int i = 0; i < count; i++) {
                ByteBuffer d = ByteBuffer.allocate(100 + i);
                d.put(0, (byte) i);
                (i % 2 == 0 ? a : b).send(d, to);
            }
            ByteBuffer into = ByteBuffer.allocate(2048);
            BatchedReceiver reader = new BatchedReceiver(into);
            List<Got> got = new ArrayList<>();
            reader.drain(receiver, 1000, (channel, from) -> got.add(new Got(into.remaining(), into.get(0), from)));
            assertEquals(count, got.size());
            for (int i = 0; i < count; i++) {
                assertEquals(100 + i, got.get(i).length());
                assertEquals((byte) i, got.get(i).first());
                assertEquals((i % 2 == 0 ? a : b).getLocalAddress(), got.get(i).from());
            }
            assertSame(got.get(0).from(), got.get(2).from(), "a known sender's address is reused");
        }
    }

    @Test
    void takesNoMoreThanAskedAndCutsOversizedDatagrams() throws IOException {
        try (DatagramChannel receiver = bound(); DatagramChannel a = bound()) {
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            for (int i = 0; i < 5; i++) {
                a.send(ByteBuffer.allocate(300), to);
            }
            ByteBuffer into = ByteBuffer.allocate(200);
            BatchedReceiver reader = new BatchedReceiver(into);
            List<Integer> lengths = new ArrayList<>();
            reader.drain(receiver, 3, (channel, from) -> lengths.add(into.remaining()));
            assertEquals(List.of(200, 200, 200), lengths);
            reader.drain(receiver, 10, (channel, from) -> lengths.add(into.remaining()));
            assertEquals(5, lengths.size());
        }
    }
}
