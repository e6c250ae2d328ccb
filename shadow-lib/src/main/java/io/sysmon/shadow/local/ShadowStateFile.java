package io.sysmon.shadow.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.shadow.local.internal.ShadowKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The local endpoint's shadows on disk: one JSON object from {@code "thing"} or {@code "thing/shadow"} to the
 * shadow's document. Written to a temporary file and moved into place, so a crash never leaves half a file.
 */
final class ShadowStateFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShadowStateFile() {
    }

    static Optional<Map<ShadowKey, String>> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new LocalEndpointException("shadow state file " + file + " is not a JSON object: delete it to "
                        + "start with no shadows", null);
            }
            Map<ShadowKey, String> documents = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                documents.put(ShadowKey.parse(field.getKey()), JSON.writeValueAsString(field.getValue()));
            }
            return Optional.of(documents);
        } catch (IOException | IllegalArgumentException e) {
            throw new LocalEndpointException("cannot read shadow state file " + file + ": " + e.getMessage()
                    + "; delete it to start with no shadows", e);
        }
    }

    static void save(Path file, Map<ShadowKey, String> documents) {
        ObjectNode root = JSON.createObjectNode();
        Map<String, String> sorted = new TreeMap<>();
        documents.forEach((key, document) -> sorted.put(key.toString(), document));
        try {
            for (Map.Entry<String, String> entry : sorted.entrySet()) {
                root.set(entry.getKey(), JSON.readTree(entry.getValue()));
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            LocalCertFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a shadow document is not JSON", e);
        } catch (IOException e) {
            throw new LocalEndpointException("cannot write shadow state file " + file + ": " + e.getMessage(), e);
        }
    }
}
