package dev.chainlightning.tun;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;

/**
 * Native addresses of the direct buffers one thread passes to the TUN device. Looking an address
 * up costs no allocation once a buffer has been seen; the tunnel reuses a fixed set of buffers.
 * Not thread-safe: each I/O direction owns one.
 */
final class BufferAddresses {
    /** Bounds the map if a caller ever passes fresh buffers, so it cannot grow without end. */
    private static final int MAX_ENTRIES = 65_536;

    private final IdentityHashMap<ByteBuffer, Long> addresses = new IdentityHashMap<>();

    long of(ByteBuffer buffer) {
        Long known = addresses.get(buffer);
        if (known != null) {
            return known;
        }
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("TUN I/O needs a direct buffer");
        }
        if (addresses.size() >= MAX_ENTRIES) {
            addresses.clear();
        }
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
        addresses.put(buffer, address);
        return address;
    }
}
