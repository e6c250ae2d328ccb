package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One evaluation per message for every rule, and error actions for failures the engine did not see itself. */
class RuleEngineTest {

    private static final String ROLE = "\"roleArn\": \"arn:aws:iam::123456789012:role/r\"";
    private static final String REPUBLISH = "[{\"republish\": {" + ROLE + ", \"topic\": \"out\"}}]";

    private static TopicRule rule(String name, String sql, String extra) {
        return TopicRule.parse(name, "{\"sql\": " + SqlFixture.json(sql) + ", \"actions\": " + REPUBLISH + extra + "}",
                "test");
    }

    @Test
    void evaluateAllSaysWhatEveryRuleDidAndEvaluateKeepsThoseThatFired() {
        TopicRule fires = rule("fires", "SELECT a FROM '$aws/things/+/shadow/update' WHERE a = 1", "");
        TopicRule whereFalse = rule("where_false", "SELECT a FROM '$aws/things/+/shadow/update' WHERE a > 1", "");
        TopicRule whereUndefined = rule("where_undefined", "SELECT a FROM '$aws/things/+/shadow/update' "
                + "WHERE missing > 1", "");
        TopicRule otherTopic = rule("other_topic", "SELECT a FROM 'other/+'", "");
        TopicRule disabled = rule("disabled", "SELECT a FROM '$aws/things/+/shadow/update'",
                ", \"ruleDisabled\": true");
        RuleEngine engine = new RuleEngine(List.of(fires, whereFalse, whereUndefined, otherTopic, disabled),
                () -> SqlFixture.UUID_1);
        Message message = SqlFixture.message(SqlFixture.PAYLOAD);

        List<RuleOutcome> outcomes = engine.evaluateAll(message);

        assertEquals(List.of(RuleOutcome.Status.FIRED, RuleOutcome.Status.WHERE_NOT_TRUE,
                RuleOutcome.Status.WHERE_NOT_TRUE, RuleOutcome.Status.TOPIC_NOT_MATCHED, RuleOutcome.Status.DISABLED),
                outcomes.stream().map(RuleOutcome::status).toList());
        assertEquals(List.of("true", "false", "Undefined", "true", "true"),
                outcomes.stream().map(RuleOutcome::whereValue).toList());
        assertEquals(List.of(fires, whereFalse, whereUndefined, otherTopic, disabled),
                outcomes.stream().map(RuleOutcome::rule).toList());
        assertEquals("{\"a\":1}", outcomes.get(0).match().resultJson());
        assertNull(outcomes.get(4).match(), "a disabled rule is not evaluated");
        assertEquals(List.of(outcomes.get(0).match()), engine.evaluate(message));

        RuleOutcome tested = engine.test(disabled, message);
        assertEquals(RuleOutcome.Status.DISABLED, tested.status());
        assertTrue(tested.matched().isPresent(), "test evaluates a disabled rule anyway");
    }

    @Test
    void anErrorActionForAFailureOutsideTheEngineIsRenderedAsTheEngineRendersItsOwn() throws Exception {
        String s3Error = ", \"errorAction\": {\"s3\": {" + ROLE + ", \"bucketName\": \"errors-${topic(3)}\", "
                + "\"key\": \"${@who}/${newuuid()}.json\"}}";
        TopicRule rule = rule("r", "SET @who = upper(topic(3)) SELECT a FROM '$aws/things/+/shadow/update'", s3Error);
        RuleEngine engine = new RuleEngine(List.of(rule), () -> SqlFixture.UUID_1);
        Message message = SqlFixture.message(SqlFixture.PAYLOAD);
        ActionFailure failure = ActionFailure.of(new S3PutObject("data", "k.json", "{}", null), "disk full");

        S3PutObject put = assertInstanceOf(S3PutObject.class,
                engine.renderErrorAction(rule, message, List.of(failure)).orElseThrow());

        assertEquals("errors-dev1", put.bucketName());
        assertEquals("DEV1/" + SqlFixture.UUID_1 + ".json", put.key());
        JsonNode doc = Json.MAPPER.readTree(put.body());
        assertEquals("r", doc.path("ruleName").asText());
        assertEquals(SqlFixture.TOPIC, doc.path("topic").asText());
        assertEquals(SqlFixture.CLIENT_ID, doc.path("clientId").asText());
        assertEquals(Json.MAPPER.readTree("[{\"failedAction\":\"S3Action\",\"failedResource\":\"data\","
                + "\"errorMessage\":\"disk full\"}]"), doc.path("failures"));

        assertEquals(Optional.empty(), engine.renderErrorAction(rule("no_error_action", "SELECT a FROM '#'", ""),
                message, List.of(failure)));
        assertThrows(IllegalArgumentException.class, () -> engine.renderErrorAction(rule, message, List.of()));
    }

    @Test
    void aFailureNamesTheRequestAsAwsDoes() {
        String why = "cannot write";
        assertEquals(new ActionFailure("timestream", "TimestreamAction", "db/tb", why), ActionFailure.of(
                new TimestreamWrite("db", "tb", List.of()), why));
        assertEquals(new ActionFailure("s3", "S3Action", "bucket", why),
                ActionFailure.of(new S3PutObject("bucket", "k", "{}", null), why));
        assertEquals(new ActionFailure("influxDB", "InfluxDBAction", "db/m", why), ActionFailure.of(
                new InfluxDbWrite("db", null, "arn:d", "m", Map.of(), Map.of(), 1, "SECONDS"), why));
        assertEquals(new ActionFailure("sns", "SnsAction", "arn:sns", why),
                ActionFailure.of(new SnsPublish("arn:sns", "RAW", "{}"), why));
        assertEquals(new ActionFailure("cloudwatchLogs", "CloudwatchLogsAction", "/group", why),
                ActionFailure.of(new CloudWatchLogsPut("/group", "{}"), why));
        assertEquals(new ActionFailure("republish", "RepublishAction", "republish", why),
                ActionFailure.of(new OtherActionRequest("republish", Json.NODES.objectNode(), "{}"), why));
    }
}
