package dev.chainlightning.operator.plan;

/**
 * One thing wrong with a spec.
 *
 * @param reason  a CamelCase condition reason, such as InvalidPorts
 * @param message what is wrong, naming the field
 */
public record SpecProblem(String reason, String message) {
}
