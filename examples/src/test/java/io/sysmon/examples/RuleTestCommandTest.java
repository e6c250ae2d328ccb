package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sysmon rule-test}, in process: output lines, exit codes 0/1/2 and their one-line messages. */
class RuleTestCommandTest {

    private static final String TIMESTREAM_RULE = "rules/shadow-to-timestream.json";
    private static final String TOPIC = "$aws/things/my_iot_device_1/shadow/update";
    private static final String REPORT = "{\"state\":{\"reported\":{\"cpu_usage\":12.5,\"cpu_freq\":2400,"
            + "\"cpu_temp\":51.0,\"ram_usage\":4294967296,\"ram_total\":8589934592,\"fan_speed\":1200,"
            + "\"timestamp\":1714564800}}}";
    private static final String ROLE = "\"roleArn\": \"arn:aws:iam::123456789012:role/r\"";

    private static String record(String name, String value, String type) {
        return "{\"dimensions\":[{\"name\":\"device_id\",\"value\":\"my_iot_device_1\"}],\"measureName\":\"" + name
                + "\",\"measureValue\":\"" + value + "\",\"measureValueType\":\"" + type
                + "\",\"time\":\"1714564800\",\"timeUnit\":\"SECONDS\"}";
    }

    @Test
    void aFiringRulePrintsTheSelectResultThenEachActionAndExits0() {
        CliRun r = CliRun.run("rule-test", "--rule", TIMESTREAM_RULE, "--topic", TOPIC, "--payload", REPORT);

        assertEquals(0, r.exitCode, r::toString);
        assertEquals("", r.err);
        List<String> records = List.of(record("cpu_usage", "12.5", "DOUBLE"), record("cpu_freq", "2400", "BIGINT"),
                record("cpu_temp", "51.0", "DOUBLE"), record("ram_usage", "4294967296", "BIGINT"),
                record("ram_total", "8589934592", "BIGINT"), record("fan_speed", "1200", "BIGINT"),
                record("ram_percent", "50.0", "DOUBLE"));
        assertEquals(List.of(
                "{\"cpu_usage\":12.5,\"cpu_freq\":2400,\"cpu_temp\":51.0,\"ram_usage\":4294967296,"
                        + "\"ram_total\":8589934592,\"fan_speed\":1200,\"ram_percent\":50.0}",
                "{\"action\":\"timestream\",\"databaseName\":\"aws_iot_demo\",\"tableName\":\"aws_iot_demo\","
                        + "\"records\":[" + String.join(",", records) + "]}"),
                r.outLines());
    }

    @Test
    void timestampClientIdAndPayloadFileFeedTheMessage(@TempDir Path dir) throws IOException {
        Path rule = dir.resolve("echo.json");
        Files.writeString(rule, "{\"sql\": \"SELECT clientid() AS c, timestamp() AS t, topic(3) AS d FROM "
                + "'$aws/things/+/shadow/update'\", \"actions\": [{\"cloudwatchLogs\": {" + ROLE
                + ", \"logGroupName\": \"/logs/${topic(3)}\"}}]}");
        Path payload = dir.resolve("payload.json");
        Files.writeString(payload, REPORT);
        CliRun r = CliRun.run("rule-test", "--rule", rule.toString(), "--topic", TOPIC, "--client-id", "me",
                "--timestamp", "1714564800123", "--payload-file", payload.toString());

        assertEquals(0, r.exitCode, r::toString);
        assertEquals(List.of("{\"c\":\"me\",\"t\":1714564800123,\"d\":\"my_iot_device_1\"}",
                "{\"action\":\"cloudwatchLogs\",\"logGroupName\":\"/logs/my_iot_device_1\",\"message\":"
                        + "\"{\\\"c\\\":\\\"me\\\",\\\"t\\\":1714564800123,\\\"d\\\":\\\"my_iot_device_1\\\"}\"}"),
                r.outLines());
    }

    @Test
    void nonAsciiIsEscapedSoAnyTerminalShowsValidJson() throws IOException {
        CliRun r = CliRun.run("rule-test", "--rule", "rules/shadow-alerts-to-sns.json", "--topic", TOPIC,
                "--payload", REPORT.replace("51.0", "86.1"));

        assertEquals(0, r.exitCode, r::toString);
        List<String> out = r.outLines();
        assertTrue(out.get(0).endsWith(",\"message\":\"my_iot_device_1: cpu_temp 86.1 \\u00B0C > 80 \\u00B0C\"}"),
                r::toString);
        assertTrue(out.get(1).contains("cpu_temp 86.1 \\u00B0C > 80 \\u00B0C"), r::toString);
        assertEquals("my_iot_device_1: cpu_temp 86.1 °C > 80 °C",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.get(0)).get("message").textValue());
    }

    @Test
    void aFailingActionPrintsItsFailureAndTheErrorAction(@TempDir Path dir) throws IOException {
        Path rule = dir.resolve("reserved.json");
        Files.writeString(rule, "{\"sql\": \"SELECT * FROM 'a/b'\", \"actions\": [{\"timestream\": {" + ROLE
                + ", \"databaseName\": \"db\", \"tableName\": \"t\", \"dimensions\": [{\"name\": \"d\", "
                + "\"value\": \"x\"}]}}], \"errorAction\": {\"cloudwatchLogs\": {" + ROLE
                + ", \"logGroupName\": \"errors\"}}}");
        CliRun r = CliRun.run("rule-test", "--rule", rule.toString(), "--topic", "a/b", "--payload", "{\"time\": 1}");

        assertEquals(0, r.exitCode, r::toString);
        assertEquals(List.of("sysmon rule-test: the timestream action would fail: measure name 'time' is reserved by "
                + "Timestream"), r.errLines());
        List<String> out = r.outLines();
        assertEquals(3, out.size(), r::toString);
        assertEquals("{\"time\":1}", out.get(0));
        assertEquals("{\"action\":\"timestream\",\"failedAction\":\"TimestreamAction\",\"failedResource\":\"db/t\","
                + "\"errorMessage\":\"measure name 'time' is reserved by Timestream\"}", out.get(1));
        assertTrue(out.get(2).startsWith("{\"errorAction\":\"cloudwatchLogs\",\"logGroupName\":\"errors\","
                + "\"message\":\"{\\\"ruleName\\\":\\\"reserved\\\",\\\"topic\\\":\\\"a/b\\\""), out.get(2));
    }

    static Stream<Arguments> notFiring() {
        return Stream.of(
                Arguments.of(List.of("--topic", "$aws/things/my_iot_device_1/shadow/get", "--payload", REPORT),
                        "the rule does not fire: topic '$aws/things/my_iot_device_1/shadow/get' does not match FROM "
                                + "'$aws/things/+/shadow/update'"),
                Arguments.of(List.of("--topic", TOPIC, "--payload", "{\"state\":{\"reported\":{\"interval\":5}}}"),
                        "the rule does not fire: WHERE state.reported.timestamp > 0 is Undefined for this message"),
                Arguments.of(List.of("--topic", TOPIC, "--payload", REPORT.replace("1714564800", "-1")),
                        "the rule does not fire: WHERE state.reported.timestamp > 0 is false for this message"),
                Arguments.of(List.of("--topic", TOPIC, "--payload", "cpu_usage=12.5"),
                        "the rule does not fire: WHERE state.reported.timestamp > 0 is Undefined for this message "
                                + "(the payload is not JSON, so every field is Undefined)"));
    }

    @ParameterizedTest
    @MethodSource("notFiring")
    void aRuleThatDoesNotFireSaysWhyInOneLineAndExits1(List<String> args, String why) {
        List<String> command = new ArrayList<>(List.of("rule-test", "--rule", TIMESTREAM_RULE));
        command.addAll(args);
        CliRun r = CliRun.run(command.toArray(new String[0]));

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(List.of("sysmon rule-test: " + why), r.errLines());
        assertEquals("", r.out);
    }

    @Test
    void aDisabledRuleDoesNotFire(@TempDir Path dir) throws IOException {
        Path rule = dir.resolve("off.json");
        Files.writeString(rule, "{\"sql\": \"SELECT * FROM 'a/b'\", \"ruleDisabled\": true, \"actions\": "
                + "[{\"sns\": {" + ROLE + ", \"targetArn\": \"t\"}}]}");
        CliRun r = CliRun.run("rule-test", "--rule", rule.toString(), "--topic", "a/b", "--payload", "{}");

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(List.of("sysmon rule-test: the rule does not fire: it is disabled (\"ruleDisabled\": true)"),
                r.errLines());
    }

    static Stream<Arguments> badRules() {
        String sns = "\"actions\": [{\"sns\": {" + ROLE + ", \"targetArn\": \"t\"}}]";
        return Stream.of(
                Arguments.of("{\"sql\": \"SELECT a FROM 'a/b' WERE a > 1\", " + sns + "}",
                        "sql: SQL error at 1:21: expected WHERE or the end of the statement, found 'WERE'"),
                Arguments.of("{\"sql\": \"SELECT a,\\n  nope(a)\\nFROM 'a/b'\", " + sns + "}",
                        "sql: SQL error at 2:3: unknown function 'nope'"),
                Arguments.of("{\"description\": \"no sql, no actions\"}",
                        "missing required field 'sql'; missing required field 'actions'"),
                Arguments.of("{\"sql\": \"SELECT a FROM 'a/b'\", \"actions\": [{\"sns\": {" + ROLE
                                + ", \"targetArn\": \"arn:${topic(}\"}}]}",
                        "actions[0].sns.targetArn: bad substitution template '${topic(}': SQL error at 1:7: "
                                + "expected an expression, found the end of the statement"),
                Arguments.of("{\"sql\": \"SELECT a FROM 'a/b'\", " + sns,
                        "not valid JSON at line 1, column 119: Unexpected end-of-input: expected close marker for "
                                + "Object"));
    }

    @ParameterizedTest
    @MethodSource("badRules")
    void aBadRuleIsOneLineNamingTheFileAndExits2(String json, String problem, @TempDir Path dir) throws IOException {
        Path rule = dir.resolve("bad.json");
        Files.writeString(rule, json);
        CliRun r = CliRun.run("rule-test", "--rule", rule.toString(), "--topic", "a/b", "--payload", "{}");

        assertEquals(2, r.exitCode, r::toString);
        List<String> err = r.errLines();
        assertEquals(1, err.size(), r::toString);
        assertEquals("sysmon rule-test: " + rule + ": " + problem, err.get(0));
        assertEquals("", r.out);
    }

    @Test
    void missingFilesAreOneLineAndExit2(@TempDir Path dir) {
        Path nope = dir.resolve("nope.json");
        CliRun r = CliRun.run("rule-test", "--rule", nope.toString(), "--topic", "a/b", "--payload", "{}");
        assertEquals(2, r.exitCode, r::toString);
        assertEquals(List.of("sysmon rule-test: --rule " + nope + ": no such file"), r.errLines());

        r = CliRun.run("rule-test", "--rule", TIMESTREAM_RULE, "--topic", "a/b", "--payload-file", nope.toString());
        assertEquals(2, r.exitCode, r::toString);
        assertEquals(List.of("sysmon rule-test: --payload-file " + nope + ": no such file"), r.errLines());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("--rule", TIMESTREAM_RULE, "--topic", "$aws/things/+/shadow/update", "--payload",
                        "{}"), "--topic must be an MQTT topic name without wildcards (+ #), e.g. "
                        + "$aws/things/my_iot_device_1/shadow/update, got '$aws/things/+/shadow/update'"),
                Arguments.of(List.of("--rule", TIMESTREAM_RULE, "--topic", "a/b", "--payload", "{}", "--timestamp",
                        "yesterday"), "--timestamp must be milliseconds since the epoch, a whole number >= 0, "
                        + "got 'yesterday'"),
                Arguments.of(List.of("--topic", "a/b", "--payload", "{}"), "Missing required option: '--rule=FILE'"),
                Arguments.of(List.of("--rule", TIMESTREAM_RULE, "--topic", "a/b"),
                        "Error: Missing required argument (specify one of these): (--payload=JSON | --payload-file=FILE)"),
                Arguments.of(List.of("--rule", TIMESTREAM_RULE, "--topic", "a/b", "--payload", "{}", "--payload-file",
                        "x"), "Error: --payload=JSON, --payload-file=FILE are mutually exclusive (specify only one)"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsAreOneLineThenUsageAndExit2(List<String> args, String message) {
        List<String> command = new ArrayList<>(List.of("rule-test"));
        command.addAll(args);
        CliRun r = CliRun.run(command.toArray(new String[0]));

        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon rule-test: " + message, r.errLines().get(0));
        assertTrue(r.errLines().get(1).startsWith("Usage: sysmon rule-test "), r::toString);
        assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r::toString);
        assertEquals("", r.out);
    }
}
