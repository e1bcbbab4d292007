package dev.chainlightning.crypto.noise;

import java.util.function.Supplier;

/**
 * The initiator (client) side of IKpsk2: knows the responder's static key beforehand, writes
 * message 1, reads message 2, then yields the transport keys. One object per handshake attempt.
 * Calls out of order are programming errors (IllegalStateException); everything a datagram can
 * cause is a {@link HandshakeException}.
 */
public final class HandshakeInitiator {
    private enum Step { WRITE_1, READ_2, DONE }

    private final X25519KeyPair localStatic;
    private final X25519PublicKey responderStatic;
    private final byte[] psk;
    private final Supplier<X25519KeyPair> ephemerals;
    private final byte[] prologue;
    private SymmetricState state;
    private X25519KeyPair ephemeral;
    private Step step = Step.WRITE_1;
    private TransportKeys keys;

    /** @param psk 32 bytes, {@link IKpsk2#noPsk()} when the peers share none */
    public HandshakeInitiator(X25519KeyPair localStatic, X25519PublicKey responderStatic, byte[] psk) {
        this(localStatic, responderStatic, psk, IKpsk2.randomEphemerals(), IKpsk2.prologue());
    }

    /** Tests inject fixed ephemeral keys (and a published vector's prologue) here. */
    HandshakeInitiator(X25519KeyPair localStatic, X25519PublicKey responderStatic, byte[] psk,
            Supplier<X25519KeyPair> ephemerals, byte[] prologue) {
        this.localStatic = localStatic;
        this.responderStatic = responderStatic;
        this.psk = IKpsk2.checkedPsk(psk);
        this.ephemerals = ephemerals;
        this.prologue = prologue.clone();
    }

    /**
     * Message 1: {@code -> e, es, s, ss} and the encrypted payload. Fails only when the configured
     * responder key is a low-order point.
     */
    public byte[] writeMessage1(byte[] payload) throws HandshakeException {
        expect(Step.WRITE_1);
        IKpsk2.checkPayload(payload, IKpsk2.MESSAGE1_OVERHEAD);
        SymmetricState s = IKpsk2.initialState(prologue, responderStatic);
        X25519KeyPair e = ephemerals.get();
        IKpsk2.mixEphemeral(s, e.publicKey());
        s.mixKey(e.dh(responderStatic)); // es
        byte[] encryptedStatic = s.encryptAndHash(localStatic.publicKey().raw());
        s.mixKey(localStatic.dh(responderStatic)); // ss
        byte[] encryptedPayload = s.encryptAndHash(payload);

        byte[] message = new byte[32 + encryptedStatic.length + encryptedPayload.length];
        System.arraycopy(e.publicKey().raw(), 0, message, 0, 32);
        System.arraycopy(encryptedStatic, 0, message, 32, encryptedStatic.length);
        System.arraycopy(encryptedPayload, 0, message, 32 + encryptedStatic.length, encryptedPayload.length);
        state = s;
        ephemeral = e;
        step = Step.READ_2;
        return message;
    }

    /**
     * Reads message 2 ({@code <- e, ee, se, psk}) and returns its payload. On failure nothing
     * changes, so a forged datagram cannot end a handshake: the next one may still be the real reply.
     */
    public byte[] readMessage2(byte[] message) throws HandshakeException {
        expect(Step.READ_2);
        IKpsk2.checkLength(message, IKpsk2.MESSAGE2_OVERHEAD, "handshake message 2");
        SymmetricState s = state.copy();
        X25519PublicKey remoteEphemeral = X25519PublicKey.of(IKpsk2.slice(message, 0, 32));
        IKpsk2.mixEphemeral(s, remoteEphemeral);
        s.mixKey(ephemeral.dh(remoteEphemeral)); // ee
        s.mixKey(localStatic.dh(remoteEphemeral)); // se
        s.mixKeyAndHash(psk); // psk
        byte[] payload = s.decryptAndHash(IKpsk2.slice(message, 32, message.length));

        keys = s.split();
        state = null;
        ephemeral = null;
        step = Step.DONE;
        return payload;
    }

    /** The transport keys, once message 2 has been read. */
    public TransportKeys transportKeys() {
        expect(Step.DONE);
        return keys;
    }

    private void expect(Step wanted) {
        if (step != wanted) {
            throw new IllegalStateException("initiator is at step " + step + ", not " + wanted);
        }
    }
}
