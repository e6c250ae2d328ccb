package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared fixture: a service on a hand-moved clock, and helpers to publish and to compare JSON as trees. */
abstract class ShadowTestSupport {

    static final long T0 = 1_764_278_400L;
    static final String THING = "my_iot_device_1";
    static final String PREFIX = "$aws/things/" + THING + "/shadow";
    static final String UPDATE = PREFIX + "/update";
    static final String GET = PREFIX + "/get";
    static final String DELETE = PREFIX + "/delete";
    static final String CLIENT = "my_iot_device_1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final TestClock clock = new TestClock(Instant.ofEpochSecond(T0));
    ShadowService service = new ShadowService(clock);

    ShadowService.Result publish(String topic, String payload) {
        return service.handle(topic, payload.getBytes(StandardCharsets.UTF_8), CLIENT);
    }

    /** Publishes {@code payload} (single quotes stand for double quotes, to keep the JSON in tests readable). */
    ShadowService.Result update(String payload) {
        return publish(UPDATE, q(payload));
    }

    void tick() {
        clock.advance(Duration.ofSeconds(10));
    }

    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(q(singleQuoted));
        } catch (JsonProcessingException e) {
            throw new AssertionError("bad JSON in test: " + singleQuoted, e);
        }
    }

    static JsonNode tree(ShadowService.Outbound message) {
        try {
            return MAPPER.readTree(message.payload());
        } catch (java.io.IOException e) {
            throw new AssertionError("service published bad JSON: " + message.payloadAsString(), e);
        }
    }

    static List<String> topics(ShadowService.Result result) {
        return result.messages().stream().map(ShadowService.Outbound::topic).collect(Collectors.toList());
    }

    /** The single message on {@code topic}, as a tree. */
    static JsonNode message(ShadowService.Result result, String topic) {
        List<ShadowService.Outbound> matching = result.messages().stream()
                .filter(m -> m.topic().equals(topic)).collect(Collectors.toList());
        assertEquals(1, matching.size(), () -> "messages on " + topic + " in " + result);
        return tree(matching.get(0));
    }

    static void assertJson(String expectedSingleQuoted, JsonNode actual) {
        assertEquals(json(expectedSingleQuoted), actual, () -> "actual: " + actual);
    }

    static void assertRejected(ShadowService.Result result, String topic, int code, String message) {
        assertEquals(List.of(topic + "/rejected"), topics(result));
        JsonNode error = tree(result.messages().get(0));
        assertEquals(code, error.get("code").intValue(), () -> error.toString());
        assertEquals(message, error.get("message").textValue());
        assertTrue(error.get("timestamp").isIntegralNumber(), () -> error.toString());
    }

    /** The current document, as a tree. */
    JsonNode document() {
        return json(service.document(THING, java.util.Optional.empty()).orElseThrow());
    }
}
