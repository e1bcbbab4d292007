package dev.chainlightning.wire;

import java.nio.ByteBuffer;

/**
 * The obfuscation layer as the engine's threads share it: each thread gets its own
 * {@link Obfuscator} and a scratch buffer to build the obfuscated copy of a datagram in, so
 * senders keep their buffers as they are and nothing is allocated per packet.
 */
public final class Obfuscation {
    private static final int SCRATCH = 65_536;

    private final ThreadLocal<Obfuscator> obfuscators;
    private final ThreadLocal<ByteBuffer> scratch = ThreadLocal.withInitial(() -> ByteBuffer.allocate(SCRATCH));

    public Obfuscation(byte[] serverPublicKey) {
        byte[] key = serverPublicKey.clone();
        this.obfuscators = ThreadLocal.withInitial(() -> new Obfuscator(key));
    }

    /**
     * An obfuscated copy of {@code datagram} (position to limit; the position moves to the limit),
     * in this thread's scratch buffer, valid until the thread's next call.
     */
    public ByteBuffer wrap(ByteBuffer datagram) {
        ByteBuffer out = scratch.get().clear();
        out.put(datagram).flip();
        obfuscators.get().wrap(out);
        return out;
    }

    /** Restores a received datagram in place (see {@link Obfuscator#unwrap}). */
    public boolean unwrap(ByteBuffer datagram) {
        return obfuscators.get().unwrap(datagram);
    }
}
