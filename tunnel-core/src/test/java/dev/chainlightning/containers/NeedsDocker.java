package dev.chainlightning.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Tests that run the server and client images in Docker: disabled locally without a Docker engine
 * or without the images (bin/build-images), but on CI (environment variable CI=true) a missing
 * prerequisite fails the class instead of skipping it, as {@code NeedsRoot} does.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NeedsDocker.Condition.class)
public @interface NeedsDocker {

    /** The images the tests start; bin/build-images makes them. */
    List<String> IMAGES = List.of("chainlightning-server:local", "chainlightning-client:local");

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean docker = DockerClientFactory.instance().isDockerAvailable();
            return evaluate(docker, docker ? missingImages() : List.of(), System.getenv("CI"));
        }

        static List<String> missingImages() {
            List<String> missing = new ArrayList<>();
            for (String image : IMAGES) {
                try {
                    DockerClientFactory.lazyClient().inspectImageCmd(image).exec();
                } catch (RuntimeException e) {
                    missing.add(image);
                }
            }
            return missing;
        }

        static ConditionEvaluationResult evaluate(boolean docker, List<String> missingImages, String ci) {
            if (docker && missingImages.isEmpty()) {
                return ConditionEvaluationResult.enabled("Docker and the images present");
            }
            String why = docker
                    ? "missing images " + String.join(", ", missingImages) + " (build them with bin/build-images)"
                    : "no Docker engine answers (install docker.io and start dockerd, then bin/build-images)";
            if ("true".equals(ci)) {
                // Skipping would let CI pass without ever running the container tests.
                throw new IllegalStateException("CI=true but the container tests cannot run: " + why);
            }
            return ConditionEvaluationResult.disabled("needs Docker: " + why);
        }
    }
}
