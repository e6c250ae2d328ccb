package io.sysmon.shadow.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.shadow.ShadowAccepted;
import io.sysmon.shadow.ShadowDelta;
import io.sysmon.shadow.ShadowDocument;
import io.sysmon.shadow.ShadowRejectedException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the shadow requests a device publishes and reads the service's answers, in AWS IoT's JSON format.
 */
public final class ShadowMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ShadowMessages() {
    }

    /**
     * @param reported the attributes to report
     * @param clientToken the request's token
     * @param version the version the shadow must be at, or {@code null} for any
     * @return {@code {"state":{"reported":{...}},"clientToken":"..."}}, with {@code "version"} when given
     * @throws IllegalArgumentException when a value cannot be written as JSON
     */
    public static byte[] updateReported(Map<String, ?> reported, String clientToken, Long version) {
        ObjectNode root = JSON.createObjectNode();
        try {
            root.putObject("state").set("reported", JSON.valueToTree(reported));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reported state cannot be written as JSON: " + e.getMessage(), e);
        }
        root.put("clientToken", clientToken);
        if (version != null) {
            root.put("version", version.longValue());
        }
        return bytes(root);
    }

    /**
     * @param clientToken the request's token
     * @return {@code {"clientToken":"..."}}
     */
    public static byte[] get(String clientToken) {
        ObjectNode root = JSON.createObjectNode();
        root.put("clientToken", clientToken);
        return bytes(root);
    }

    /**
     * @param payload any answer
     * @return the answer's parsed JSON, or empty when it is not a JSON object
     */
    public static Optional<JsonNode> parse(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @param answer a parsed answer
     * @return its clientToken, if any
     */
    public static Optional<String> clientToken(JsonNode answer) {
        JsonNode token = answer.get("clientToken");
        return token != null && token.isTextual() ? Optional.of(token.asText()) : Optional.empty();
    }

    /**
     * @param answer a parsed {@code update/accepted}
     * @param clientToken its token
     * @return the accepted version and time
     */
    public static ShadowAccepted accepted(JsonNode answer, String clientToken) {
        return new ShadowAccepted(answer.path("version").asLong(), seconds(answer), clientToken);
    }

    /**
     * @param answer a parsed {@code .../rejected}
     * @param clientToken its token
     * @return the typed rejection
     */
    public static ShadowRejectedException rejected(JsonNode answer, String clientToken) {
        return new ShadowRejectedException(answer.path("code").asInt(500),
                answer.path("message").asText("(no message)"), clientToken);
    }

    /**
     * @param answer a parsed {@code get/accepted}
     * @return the document
     */
    public static ShadowDocument document(JsonNode answer) {
        JsonNode state = answer.path("state");
        return new ShadowDocument(answer.path("version").asLong(), seconds(answer), map(state.get("desired")),
                map(state.get("reported")), map(state.get("delta")));
    }

    /**
     * @param answer a parsed {@code update/delta}
     * @return the delta
     */
    public static ShadowDelta delta(JsonNode answer) {
        return new ShadowDelta(answer.path("version").asLong(), seconds(answer), map(answer.get("state")));
    }

    private static Instant seconds(JsonNode answer) {
        return Instant.ofEpochSecond(answer.path("timestamp").asLong());
    }

    private static Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return JSON.convertValue(node, MAP);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
