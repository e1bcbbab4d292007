package dev.chainlightning.operator.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A spec the operator cannot act on; reported as Ready=False, never retried until the spec changes. */
public final class InvalidSpecException extends Exception {
    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    /** The first problem's reason stands for all of them in the condition. */
    public String reason() {
        return problems.getFirst().reason();
    }
}
