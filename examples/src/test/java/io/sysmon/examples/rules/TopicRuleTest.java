package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rule files: what a valid one gives, and the one-line message naming every problem of an invalid one. */
class TopicRuleTest {

    private static final String ROLE = "\"roleArn\": \"arn:aws:iam::123456789012:role/r\"";
    private static final String S3 = "{\"s3\": {" + ROLE + ", \"bucketName\": \"b\", \"key\": \"k\"}}";

    @Test
    void readsEveryField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-rule.json");
        Files.writeString(file, "{\"sql\": \"SELECT a FROM 'x/y'\", \"description\": \"why\", \"ruleDisabled\": true, "
                + "\"awsIotSqlVersion\": \"2016-03-23\", \"actions\": [" + S3 + "], \"errorAction\": {"
                + "\"cloudwatchLogs\": {" + ROLE + ", \"logGroupName\": \"errors\"}}}");
        TopicRule rule = TopicRule.load(file);
        assertEquals("my_rule", rule.name());
        assertEquals("why", rule.description().orElseThrow());
        assertTrue(rule.disabled());
        assertEquals(SqlVersion.V2016_03_23, rule.sqlVersion());
        assertEquals("x/y", rule.sql().from().toString());
        assertEquals(List.of("s3"), rule.actions().stream().map(RuleAction::type).toList());
        assertEquals("cloudwatchLogs", rule.errorAction().orElseThrow().type());
    }

    @Test
    void theSqlVersionDefaultsTo2015AsOnAws() {
        TopicRule rule = TopicRule.parse("{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [" + S3 + "]}");
        assertEquals(SqlVersion.V2015_10_08, rule.sqlVersion());
        assertFalse(rule.disabled());
        assertTrue(rule.errorAction().isEmpty());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{}"
            + "| rule: missing required field 'sql'; missing required field 'actions'",
        "{\"sql\": \"SELECT a FROM 'x'\"}"
            + "| rule: missing required field 'actions'",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": []}"
            + "| rule: 'actions' must be a non-empty array of actions, e.g. [{\"s3\": {...}}]",
        "{\"sql\": \"SELECT a FROM 'x' WERE a > 1\", \"actions\": [" + S3 + "]}"
            + "| rule: sql: SQL error at 1:19: expected WHERE or the end of the statement, found 'WERE'",
        "{\"sql\": \"SELECT nope(a) FROM 'x'\", \"actions\": [" + S3 + "]}"
            + "| rule: sql: SQL error at 1:8: unknown function 'nope'",
        "{\"sql\": 5, \"actions\": [" + S3 + "], \"awsIotSqlVersion\": \"2017-01-01\"}"
            + "| rule: awsIotSqlVersion must be 2015-10-08 or 2016-03-23, got \"2017-01-01\"; 'sql' must be a non-empty string",
        "{\"sql\": \"SELECT a FROM 'x'\", \"acitons\": [" + S3 + "]}"
            + "| rule: unknown field 'acitons'; expected sql, description, ruleDisabled, awsIotSqlVersion, actions, "
            + "errorAction; missing required field 'actions'",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"s3\": {\"bucketName\": \"b\"}}]}"
            + "| rule: actions[0].s3: missing required field 'roleArn'; actions[0].s3: missing required field 'key'",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"s3\": {" + ROLE + ", \"bucketName\": \"b\", "
            + "\"key\": \"${topc(3)}/x\"}}]}"
            + "| rule: actions[0].s3.key: bad substitution template '${topc(3)}': SQL error at 1:1: unknown function 'topc'",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"s3\": {" + ROLE + ", \"bucketName\": \"b\", "
            + "\"key\": \"${topic(3)/x\"}}]}"
            + "| rule: actions[0].s3.key: bad substitution template '${topic(3)/x': no closing '}'",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"s3\": {" + ROLE + ", \"bucketName\": \"b\", "
            + "\"key\": \"${parse_time('yyyy', timestamp())}\"}}]}"
            + "| rule: actions[0].s3.key: bad substitution template '${parse_time('yyyy', timestamp())}': SQL error at "
            + "1:1: function parse_time needs awsIotSqlVersion 2016-03-23 or later; this rule uses 2015-10-08",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"s3\": {}, \"sns\": {}}]}"
            + "| rule: actions[0] must be an object with exactly one key, the action's name, e.g. {\"s3\": {...}}",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"timestream\": {" + ROLE + ", \"databaseName\": \"d\", "
            + "\"tableName\": \"t\"}}]}"
            + "| rule: actions[0].timestream: missing required field 'dimensions' (Timestream needs at least one, e.g. "
            + "{\"name\": \"device_id\", \"value\": \"${topic(3)}\"})",
        "{\"sql\": \"SELECT a AS time, b AS ts_b FROM 'x'\", \"actions\": [{\"timestream\": {" + ROLE + ", "
            + "\"databaseName\": \"d\", \"tableName\": \"t\", \"dimensions\": [{\"name\": \"measure_name\", "
            + "\"value\": \"v\"}], \"timestamp\": {\"value\": \"1\", \"unit\": \"HOURS\"}}}]}"
            + "| rule: actions[0].timestream.dimensions[0]: dimension name 'measure_name' is reserved by Timestream; "
            + "actions[0].timestream.timestamp: 'unit' must be SECONDS, MILLISECONDS, MICROSECONDS or NANOSECONDS, "
            + "got 'HOURS'; actions[0].timestream: measure name 'time' is reserved by Timestream (rename it with AS "
            + "in the SELECT); actions[0].timestream: measure name 'ts_b' must not start with ts_ (reserved by "
            + "Timestream) (rename it with AS in the SELECT)",
        "{\"sql\": \"SELECT a FROM 'x'\", \"actions\": [{\"sns\": {" + ROLE + ", \"targetArn\": \"t\", "
            + "\"messageFormat\": \"TEXT\", \"subject\": \"s\"}}]}"
            + "| rule: actions[0].sns: unknown field 'subject'; expected roleArn, targetArn, messageFormat; "
            + "actions[0].sns: 'messageFormat' must be RAW or JSON, got 'TEXT'",
        "{\"topicRulePayload\": {\"sql\": \"SELECT a FROM 'x'\", \"actions\": [" + S3 + "]}}"
            + "| rule: found 'topicRulePayload': the file must hold the rule payload itself, as aws iot "
            + "create-topic-rule --topic-rule-payload file://FILE takes it; missing required field 'sql'; missing "
            + "required field 'actions'",
        "[1] | rule: must be a JSON object with sql and actions, as aws iot create-topic-rule --topic-rule-payload takes",
    })
    void aBadRuleFileNamesEveryProblem(String json, String message) {
        RuleDefinitionException e = assertThrows(RuleDefinitionException.class, () -> TopicRule.parse(json));
        assertEquals(message, e.getMessage());
    }

    @Test
    void invalidJsonNamesLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"sql\": \"SELECT a FROM 'x'\",\n  \"actions\": [\n}");
        RuleDefinitionException e = assertThrows(RuleDefinitionException.class, () -> TopicRule.load(file));
        assertTrue(e.getMessage().startsWith(file + ": not valid JSON at line 4, column 1: "), e.getMessage());
        assertEquals(file.toString(), e.source());
    }

    @Test
    void aMissingFileIsAnIoError(@TempDir Path dir) {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> TopicRule.load(dir.resolve("nope.json")));
    }

    @Test
    void otherActionsAreAcceptedWithTheirTemplatesChecked() {
        TopicRule rule = TopicRule.parse("{\"sql\": \"SELECT a FROM 'x/+'\", \"actions\": [{\"republish\": {"
                + ROLE + ", \"topic\": \"${topic(2)}/out\", \"qos\": 1}}]}");
        RuleMatch m = new RuleEngine(List.of(rule)).evaluate(SqlFixture.message("x/dev", "{\"a\":1}".getBytes())).get(0);
        assertEquals("{\"action\":\"republish\",\"parameters\":{\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
                + "\"topic\":\"dev/out\",\"qos\":1},\"payload\":\"{\\\"a\\\":1}\"}", m.actions().get(0).toJson().toString());
        assertThrows(RuleDefinitionException.class, () -> TopicRule.parse("{\"sql\": \"SELECT a FROM 'x/+'\", "
                + "\"actions\": [{\"republish\": {" + ROLE + ", \"topic\": \"${nope()}\"}}]}"));
    }

    @Test
    void shippedRulesLoadFromTheClassPathAndFromTheirFolder() throws IOException {
        List<TopicRule> rules = ShippedRules.load();
        assertEquals(List.of("shadow_to_timestream", "shadow_to_influxdb", "shadow_to_s3", "shadow_alerts_to_sns"),
                rules.stream().map(TopicRule::name).toList());
        for (String file : ShippedRules.FILES) {
            TopicRule fromFolder = TopicRule.load(Path.of("rules", file));
            assertEquals(ShippedRules.load(file).sql().sql(), fromFolder.sql().sql());
        }
    }
}
