package dev.chainlightning.testbed;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests that build network namespaces: disabled locally without root or the tools, but on CI
 * (environment variable CI=true) a missing prerequisite fails the class instead of skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsRoot.Condition.class)
public @interface NeedsRoot {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return evaluate(TestBed.isRoot(), TestBed.missingTools(), System.getenv("CI"));
        }

        static ConditionEvaluationResult evaluate(boolean root, List<String> missingTools, String ci) {
            if (root && missingTools.isEmpty()) {
                return ConditionEvaluationResult.enabled("root and all tools present");
            }
            String why = (root ? "" : "not running as root; ")
                    + (missingTools.isEmpty() ? "" : "missing tools: " + String.join(", ", missingTools));
            if ("true".equals(ci)) {
                // Skipping would let CI pass without ever running the end-to-end tests.
                throw new IllegalStateException("CI=true but the test bed cannot run: " + why);
            }
            return ConditionEvaluationResult.disabled("needs root and network tools: " + why);
        }
    }
}
