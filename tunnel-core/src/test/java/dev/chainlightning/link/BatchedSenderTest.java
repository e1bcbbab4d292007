package dev.chainlightning.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/** Over loopback: what a batch carries arrives as the separate datagrams it was given, in order. */
class BatchedSenderTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static DatagramChannel bound(boolean blocking) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        channel.configureBlocking(blocking);
        return channel;
    }

    private static ByteBuffer datagram(int size, int mark) {
        ByteBuffer b = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (mark + i));
        }
        return b;
    }

    private static void expect(DatagramChannel receiver, int size, int mark) throws IOException {
        ByteBuffer got = ByteBuffer.allocate(2048);
        receiver.receive(got);
        got.flip();
        assertEquals(size, got.remaining(), "datagram " + mark);
        for (int i = 0; i < size; i++) {
            assertEquals((byte) (mark + i), got.get(i));
        }
    }

    private static void check(boolean connected) throws IOException {
        try (DatagramChannel receiver = bound(true); DatagramChannel sender = bound(false)) {
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            if (connected) {
                sender.connect(to);
            }
            Link link = new Link(0, "test", 0, sender, to, connected, 1_000_000_000L);
            BatchedSender out = new BatchedSender(4);
            int[] sizes = {1200, 1200, 1200, 1200, 1200, 1300, 500, 64};
            for (int i = 0; i < sizes.length; i++) {
                out.send(link, datagram(sizes[i], i));
            }
            out.flush();
            for (int i = 0; i < sizes.length; i++) {
                expect(receiver, sizes[i], i);
            }
            receiver.configureBlocking(false);
            assertNull(receiver.receive(ByteBuffer.allocate(2048)), "nothing more");
            assertEquals(sizes.length, link.counters().txPackets.get());
            assertEquals(0, link.counters().txErrors.get());
        }
    }

    @Test
    void batchesArriveAsTheirDatagramsOnAConnectedSocket() throws IOException {
        check(true);
    }

    @Test
    void batchesArriveAsTheirDatagramsWithAnAddress() throws IOException {
        check(false);
    }

    @Test
    void nothingLeavesBeforeFlush() throws IOException {
        try (DatagramChannel receiver = bound(false); DatagramChannel sender = bound(false)) {
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            Link link = new Link(0, "test", 0, sender, to, false, 1_000_000_000L);
            BatchedSender out = new BatchedSender(64);
            out.send(link, datagram(100, 1));
            assertNull(receiver.receive(ByteBuffer.allocate(2048)));
            out.flush();
            receiver.configureBlocking(true);
            expect(receiver, 100, 1);
        }
    }
}
