package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Evaluates SQL against a fixed message: topic, client id, receive time and a payload with one of each type. */
final class SqlFixture {

    static final String TOPIC = "$aws/things/dev1/shadow/update";
    static final String CLIENT_ID = "client-7";
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123Z");
    static final UUID UUID_1 = UUID.fromString("00000000-0000-4000-8000-000000000001");

    static final String PAYLOAD = "{\"a\": 1, \"b\": 2.5, \"s\": \"text\", \"n\": null, \"t\": true, "
            + "\"arr\": [10, 20, {\"x\": 1}], \"obj\": {\"k\": \"v\", \"d\": 10.0}, \"num\": \"42\", "
            + "\"whole\": 10.0, \"state\": {\"reported\": {\"cpu_usage\": 12.5}}}";

    private SqlFixture() {
    }

    static Message message(String payload) {
        return message(TOPIC, payload.getBytes(StandardCharsets.UTF_8));
    }

    static Message message(String topic, byte[] payload) {
        return Message.of(topic, payload, CLIENT_ID, NOW);
    }

    /** @return the SELECT result of {@code sql} for {@code payload} as JSON, or "no result" when it does not fire */
    static String run(SqlVersion version, String sql, String payload) {
        return run(version, sql, message(payload));
    }

    static String run(SqlVersion version, String sql, Message message) {
        TopicRule rule = TopicRule.parse("r", "{\"sql\": " + json(sql) + ", \"awsIotSqlVersion\": \""
                + version.label() + "\", \"actions\": [{\"republish\": {\"topic\": \"out\", "
                + "\"roleArn\": \"arn:aws:iam::123456789012:role/r\"}}]}", "test");
        List<RuleMatch> matches = new RuleEngine(List.of(rule), () -> UUID_1).evaluate(message);
        return matches.isEmpty() ? "no result" : matches.get(0).resultJson();
    }

    /**
     * @return the value of one expression for the fixture payload, as JSON ({@code 10.0}, {@code "text"}), or
     *     {@code Undefined} when it is Undefined (left out of the SELECT result)
     */
    static String eval(SqlVersion version, String expression) {
        return eval(version, expression, PAYLOAD);
    }

    static String eval(SqlVersion version, String expression, String payload) {
        TopicRule rule = TopicRule.parse("r", "{\"sql\": " + json("SELECT " + expression + " AS v FROM '#'")
                + ", \"awsIotSqlVersion\": \"" + version.label() + "\", \"actions\": [{\"republish\": "
                + "{\"topic\": \"out\", \"roleArn\": \"arn:aws:iam::123456789012:role/r\"}}]}", "test");
        List<RuleMatch> matches = new RuleEngine(List.of(rule), () -> UUID_1)
                .evaluate(message("things/dev1/metrics", payload.getBytes(StandardCharsets.UTF_8)));
        JsonNode v = matches.get(0).result().get("v");
        return v == null ? "Undefined" : Json.write(v);
    }

    static String json(String s) {
        return Json.write(Json.NODES.textNode(s));
    }
}
