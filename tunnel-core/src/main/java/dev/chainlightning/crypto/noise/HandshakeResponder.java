package dev.chainlightning.crypto.noise;

import java.util.function.Supplier;

/**
 * The responder (server) side of IKpsk2: reads message 1, learns the initiator's static key,
 * writes message 2, then yields the transport keys. The PSK is given to
 * {@link #writeMessage2} rather than the constructor because the responder can only choose a
 * peer's PSK after message 1 has told it who the peer is. Calls out of order are programming
 * errors (IllegalStateException); everything a datagram can cause is a {@link HandshakeException}.
 */
public final class HandshakeResponder {
    private enum Step { READ_1, WRITE_2, DONE }

    private final X25519KeyPair localStatic;
    private final Supplier<X25519KeyPair> ephemerals;
    private final byte[] prologue;
    private SymmetricState state;
    private X25519PublicKey remoteEphemeral;
    private X25519PublicKey remoteStatic;
    private Step step = Step.READ_1;
    private TransportKeys keys;

    public HandshakeResponder(X25519KeyPair localStatic) {
        this(localStatic, IKpsk2.randomEphemerals(), IKpsk2.prologue());
    }

    /** Tests inject fixed ephemeral keys (and a published vector's prologue) here. */
    HandshakeResponder(X25519KeyPair localStatic, Supplier<X25519KeyPair> ephemerals, byte[] prologue) {
        this.localStatic = localStatic;
        this.ephemerals = ephemerals;
        this.prologue = prologue.clone();
    }

    /**
     * Reads message 1 ({@code -> e, es, s, ss}) and returns its payload. Authenticates that the
     * sender knows our static key and its own static private key; whether that static key is a
     * peer we accept is the caller's check, with {@link #remoteStatic()}. On failure nothing
     * changes, so the caller may try the next datagram with the same object.
     */
    public byte[] readMessage1(byte[] message) throws HandshakeException {
        expect(Step.READ_1);
        IKpsk2.checkLength(message, IKpsk2.MESSAGE1_OVERHEAD, "handshake message 1");
        SymmetricState s = IKpsk2.initialState(prologue, localStatic.publicKey());
        X25519PublicKey re = X25519PublicKey.of(IKpsk2.slice(message, 0, 32));
        IKpsk2.mixEphemeral(s, re);
        s.mixKey(localStatic.dh(re)); // es
        X25519PublicKey rs = X25519PublicKey.of(s.decryptAndHash(IKpsk2.slice(message, 32, 80)));
        s.mixKey(localStatic.dh(rs)); // ss
        byte[] payload = s.decryptAndHash(IKpsk2.slice(message, 80, message.length));

        state = s;
        remoteEphemeral = re;
        remoteStatic = rs;
        step = Step.WRITE_2;
        return payload;
    }

    /** The initiator's static public key, authenticated by message 1. */
    public X25519PublicKey remoteStatic() {
        if (remoteStatic == null) {
            throw new IllegalStateException("message 1 has not been read");
        }
        return remoteStatic;
    }

    /**
     * Message 2: {@code <- e, ee, se, psk} and the encrypted payload; afterwards
     * {@link #transportKeys()} is ready.
     *
     * @param psk 32 bytes shared with this initiator, {@link IKpsk2#noPsk()} when none
     */
    public byte[] writeMessage2(byte[] payload, byte[] psk) throws HandshakeException {
        expect(Step.WRITE_2);
        IKpsk2.checkPayload(payload, IKpsk2.MESSAGE2_OVERHEAD);
        byte[] checkedPsk = IKpsk2.checkedPsk(psk);
        SymmetricState s = state.copy();
        X25519KeyPair e = ephemerals.get();
        IKpsk2.mixEphemeral(s, e.publicKey());
        s.mixKey(e.dh(remoteEphemeral)); // ee
        s.mixKey(e.dh(remoteStatic)); // se
        s.mixKeyAndHash(checkedPsk); // psk
        byte[] encryptedPayload = s.encryptAndHash(payload);

        byte[] message = new byte[32 + encryptedPayload.length];
        System.arraycopy(e.publicKey().raw(), 0, message, 0, 32);
        System.arraycopy(encryptedPayload, 0, message, 32, encryptedPayload.length);
        keys = s.split();
        state = null;
        step = Step.DONE;
        return message;
    }

    /** The transport keys, once message 2 has been written. */
    public TransportKeys transportKeys() {
        expect(Step.DONE);
        return keys;
    }

    private void expect(Step wanted) {
        if (step != wanted) {
            throw new IllegalStateException("responder is at step " + step + ", not " + wanted);
        }
    }
}
