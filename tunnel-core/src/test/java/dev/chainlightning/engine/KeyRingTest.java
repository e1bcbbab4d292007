package dev.chainlightning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.crypto.Keypair;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private static final long S = 1_000_000_000L;
    private final KeyRing ring = new KeyRing(120 * S, 180 * S);

    private static Keypair keys(int localIndex, boolean initiator, long createdNanos) {
        return new Keypair(localIndex, localIndex + 1000, new byte[32], new byte[32], initiator, createdNanos);
    }

    @Test
    void theClientSealsWithNewKeysAtOnceAndStillOpensWithTheOld() {
        Keypair old = keys(1, true, 0);
        Keypair fresh = keys(2, true, 120 * S);
        ring.installAsInitiator(old);
        assertThat(ring.needsRekey(119 * S)).isFalse();
        assertThat(ring.needsRekey(120 * S)).isTrue();
        ring.installAsInitiator(fresh);
        assertThat(ring.sending(121 * S)).isSameAs(fresh);
        assertThat(ring.forIndex(1, 121 * S)).as("late packets under the old keys").isSameAs(old);
        assertThat(ring.needsRekey(121 * S)).isFalse();
    }

    @Test
    void theServerWaitsForTheClientsFirstPacketUnderNewKeys() {
        Keypair old = keys(1, false, 0);
        Keypair fresh = keys(2, false, 120 * S);
        ring.installAsResponder(old);
        assertThat(ring.sending(S)).as("not confirmed yet: the answer may have been lost").isNull();
        ring.onAuthenticated(ring.forIndex(1, S));
        assertThat(ring.sending(S)).isSameAs(old);

        ring.installAsResponder(fresh);
        assertThat(ring.sending(121 * S)).isSameAs(old);
        assertThat(ring.forIndex(2, 121 * S)).isSameAs(fresh);
        ring.onAuthenticated(old);
        assertThat(ring.sending(121 * S)).as("a packet under the old keys confirms nothing").isSameAs(old);
        ring.onAuthenticated(fresh);
        assertThat(ring.sending(121 * S)).isSameAs(fresh);
        assertThat(ring.forIndex(1, 121 * S)).isSameAs(old);
    }

    @Test
    void keysTooOldAreUsedForNothing() {
        ring.installAsInitiator(keys(1, true, 0));
        assertThat(ring.sending(180 * S)).isNull();
        assertThat(ring.forIndex(1, 180 * S)).isNull();
    }

    @Test
    void onlyIndicesInUseAreTaken() {
        ring.installAsInitiator(keys(5, true, 0));
        ring.installAsInitiator(keys(6, true, S));
        assertThat(ring.usesIndex(5)).isTrue();
        assertThat(ring.usesIndex(6)).isTrue();
        assertThat(ring.usesIndex(7)).isFalse();
        ring.installAsInitiator(keys(7, true, 2 * S));
        assertThat(ring.usesIndex(5)).as("two rekeys later it is gone").isFalse();
        assertThat(ring.forIndex(5, 2 * S)).isNull();
    }
}
