package dev.chainlightning.operator.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.operator.TestTunnels;
import dev.chainlightning.operator.resources.KeysSecretBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void firstReconcileMakesAKeyForTheServerAndEachClient() {
        KeyDecision d = KeyPolicy.decide(Optional.empty(), List.of("home", "office"), "", null, T0);

        assertThat(d.reason()).isEqualTo("KeysCreated");
        assertThat(d.keys().clients()).containsOnlyKeys("home", "office");
        assertThat(d.keys().createdAt()).isEqualTo(T0);
    }

    @Test
    void storedKeysStayWhateverTheTime() {
        TunnelKeys stored = TunnelKeys.generate(List.of("home"), T0, "");

        KeyDecision d = KeyPolicy.decide(Optional.of(stored), List.of("home"), "", null, T0.plus(Duration.ofDays(999)));

        assertThat(d.reason()).isEqualTo("KeysUnchanged");
        assertThat(d.keys().hash()).isEqualTo(stored.hash());
        assertThat(d.keys().server().privateKeyBase64()).isEqualTo(stored.server().privateKeyBase64());
    }

    @Test
    void aNewClientGetsAKeyAndNobodyElseChanges() {
        TunnelKeys stored = TunnelKeys.generate(List.of("home", "old"), T0, "");

        KeyDecision d = KeyPolicy.decide(Optional.of(stored), List.of("home", "office"), "", null, T0);

        assertThat(d.reason()).isEqualTo("ClientKeysAdded");
        assertThat(d.keys().clients()).containsOnlyKeys("home", "office");
        assertThat(d.keys().client("home").privateKeyBase64()).isEqualTo(stored.client("home").privateKeyBase64());
        assertThat(d.keys().server().privateKeyBase64()).isEqualTo(stored.server().privateKeyBase64());
    }

    @Test
    void aNewAnnotationValueRotatesEverythingOnceOnly() {
        TunnelKeys stored = TunnelKeys.generate(List.of("home"), T0, "");

        KeyDecision rotated = KeyPolicy.decide(Optional.of(stored), List.of("home"), "now-1", null, T0.plusSeconds(5));
        KeyDecision again = KeyPolicy.decide(Optional.of(rotated.keys()), List.of("home"), "now-1", null, T0.plusSeconds(9));

        assertThat(rotated.reason()).isEqualTo("RotatedOnRequest");
        assertThat(rotated.keys().hash()).isNotEqualTo(stored.hash());
        assertThat(rotated.keys().createdAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(again.reason()).isEqualTo("KeysUnchanged");
    }

    @Test
    void anAnnotationPresentAtCreationIsNotARequestToRotate() {
        KeyDecision created = KeyPolicy.decide(Optional.empty(), List.of("home"), "x", null, T0);
        assertThat(KeyPolicy.decide(Optional.of(created.keys()), List.of("home"), "x", null, T0).reason())
                .isEqualTo("KeysUnchanged");
    }

    @Test
    void theIntervalRotatesWhenDue() {
        TunnelKeys stored = TunnelKeys.generate(List.of("home"), T0, "");
        Duration month = Duration.ofDays(30);

        assertThat(KeyPolicy.decide(Optional.of(stored), List.of("home"), "", month, T0.plus(Duration.ofDays(29))).reason())
                .isEqualTo("KeysUnchanged");
        assertThat(KeyPolicy.decide(Optional.of(stored), List.of("home"), "", month, T0.plus(month)).reason())
                .isEqualTo("RotatedOnSchedule");
        assertThat(KeyPolicy.nextRotation(stored, month)).isEqualTo(T0.plus(month));
        assertThat(KeyPolicy.nextRotation(stored, null)).isNull();
    }

    @Test
    void theSecretHoldsGenkeyFilesAndReadsBackTheSameKeys() {
        TunnelKeys keys = TunnelKeys.generate(List.of("home"), T0, "r1");
        Secret secret = KeysSecretBuilder.build(TestTunnels.tunnel("ns", "t", "home"), keys);

        String serverFile = dev.chainlightning.operator.resources.SecretData.decode(
                secret.getData().get(KeysSecretFormat.SERVER_KEY));
        assertThat(serverFile).matches("[A-Za-z0-9+/]{43}=\n");
        assertThat(X25519KeyPair.parsePrivate(serverFile).publicKey()).isEqualTo(keys.server().publicKey());

        TunnelKeys read = KeysSecretFormat.read(secret).orElseThrow();
        assertThat(read.hash()).isEqualTo(keys.hash());
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.rotationRequest()).isEqualTo("r1");
    }

    @Test
    void aSecretWithoutAReadableServerKeyIsNoKeys() {
        Secret secret = KeysSecretBuilder.build(TestTunnels.tunnel("ns", "t", "home"),
                TunnelKeys.generate(List.of("home"), T0, ""));
        secret.getData().put(KeysSecretFormat.SERVER_KEY, "bm90IGEga2V5");
        assertThat(KeysSecretFormat.read(secret)).isEmpty();
        assertThat(KeysSecretFormat.read(null)).isEmpty();
    }
}
