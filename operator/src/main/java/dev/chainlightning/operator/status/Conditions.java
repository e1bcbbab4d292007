package dev.chainlightning.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the status conditions, keeping each one's lastTransitionTime while its status stays the same (so a
 * reconcile that changes nothing writes nothing).
 */
final class Conditions {
    static final String READY = "Ready";
    static final String KEYS_READY = "KeysReady";
    static final String EXPOSED = "Exposed";
    static final String DEGRADED = "Degraded";

    private final List<Condition> previous;
    private final long generation;
    private final Instant now;
    private final List<Condition> conditions = new ArrayList<>();

    Conditions(List<Condition> previous, long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    Conditions set(String type, boolean status, String reason, String message) {
        return set(type, status ? "True" : "False", reason, message);
    }

    Conditions set(String type, String status, String reason, String message) {
        String since = previous.stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .findFirst()
                .orElse(now.toString());
        conditions.add(new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withObservedGeneration(generation).withLastTransitionTime(since).build());
        return this;
    }

    List<Condition> build() {
        return List.copyOf(conditions);
    }
}
