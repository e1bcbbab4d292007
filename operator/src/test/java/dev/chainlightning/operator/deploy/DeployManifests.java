package dev.chainlightning.operator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objects `kubectl apply -k deploy/` creates: every file the kustomization lists, parsed by fabric8. */
public final class DeployManifests {
    /** Tests run in operator/; deploy/ is beside it. */
    public static final Path DEPLOY = Path.of("..", "deploy");

    private DeployManifests() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> kustomizationResources() throws IOException {
        try (InputStream in = Files.newInputStream(DEPLOY.resolve("kustomization.yaml"))) {
            Map<String, Object> kustomization = Serialization.unmarshal(in, Map.class);
            return (List<String>) kustomization.get("resources");
        }
    }

    public static List<HasMetadata> load() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (String file : kustomizationResources()) {
            objects.addAll(parse(DEPLOY.resolve(file)));
        }
        return objects;
    }

    public static List<HasMetadata> parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = Serialization.unmarshal(in);
            if (parsed instanceof List<?> list) {
                return list.stream().map(HasMetadata.class::cast).toList();
            }
            return List.of((HasMetadata) parsed);
        }
    }
}
