package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each action renders for a message: the renderers are pure, so every field is asserted. */
class ActionRenderingTest {

    private static final String ROLE = "\"roleArn\": \"arn:aws:iam::123456789012:role/r\"";
    private static final String ERRORS = "\"errorAction\": {\"cloudwatchLogs\": {" + ROLE
            + ", \"logGroupName\": \"/errors/${topic(3)}\"}}";

    private static final String FROM = " FROM '$aws/things/+/shadow/update'";

    private static RuleMatch fire(String sql, String version, String action, String payload) {
        TopicRule rule = TopicRule.parse("test_rule", "{\"sql\": " + SqlFixture.json(sql) + ", \"awsIotSqlVersion\": \""
                + version + "\", \"actions\": [" + action + "], " + ERRORS + "}", "test");
        List<RuleMatch> matches = new RuleEngine(List.of(rule), () -> SqlFixture.UUID_1)
                .evaluate(SqlFixture.message(payload));
        assertEquals(1, matches.size(), "the rule should fire");
        return matches.get(0);
    }

    private static final String TIMESTREAM = "{\"timestream\": {" + ROLE + ", \"databaseName\": \"db\", "
            + "\"tableName\": \"${topic(2)}\", \"dimensions\": [{\"name\": \"device_id\", \"value\": \"${topic(3)}\"}, "
            + "{\"name\": \"site\", \"value\": \"lab\"}]}}";

    @Test
    void timestreamWritesOneRecordPerAttributeTypedByItsValue() {
        RuleMatch m = fire("SELECT a AS i, b AS d, t AS flag, s AS str, obj, arr, n AS nothing, missing AS gone "
                + "FROM '$aws/things/+/shadow/update'", "2015-10-08", TIMESTREAM, SqlFixture.PAYLOAD);
        TimestreamWrite w = assertInstanceOf(TimestreamWrite.class, m.actions().get(0));
        assertEquals("db", w.databaseName());
        assertEquals("things", w.tableName());
        List<TimestreamWrite.Dimension> dims = List.of(new TimestreamWrite.Dimension("device_id", "dev1"),
                new TimestreamWrite.Dimension("site", "lab"));
        String now = "1714564800123";
        assertEquals(List.of(
                new TimestreamWrite.Record(dims, "i", "1", "BIGINT", now, "MILLISECONDS"),
                new TimestreamWrite.Record(dims, "d", "2.5", "DOUBLE", now, "MILLISECONDS"),
                new TimestreamWrite.Record(dims, "flag", "true", "BOOLEAN", now, "MILLISECONDS"),
                new TimestreamWrite.Record(dims, "str", "text", "VARCHAR", now, "MILLISECONDS"),
                new TimestreamWrite.Record(dims, "obj", "{\"k\":\"v\",\"d\":10.0}", "VARCHAR", now, "MILLISECONDS"),
                new TimestreamWrite.Record(dims, "arr", "[10,20,{\"x\":1}]", "VARCHAR", now, "MILLISECONDS")),
                w.records());
        assertTrue(m.errorActions().isEmpty());
    }

    @Test
    void timestreamTypesFollowTheSqlVersion() {
        String sql = "SELECT whole FROM '$aws/things/+/shadow/update'";
        TimestreamWrite v1 = (TimestreamWrite) fire(sql, "2015-10-08", TIMESTREAM, SqlFixture.PAYLOAD).actions().get(0);
        TimestreamWrite v2 = (TimestreamWrite) fire(sql, "2016-03-23", TIMESTREAM, SqlFixture.PAYLOAD).actions().get(0);
        assertEquals("DOUBLE 10.0", v1.records().get(0).measureValueType() + " " + v1.records().get(0).measureValue());
        assertEquals("BIGINT 10", v2.records().get(0).measureValueType() + " " + v2.records().get(0).measureValue());
    }

    @Test
    void timestreamTakesTheTimeFromTheMessageWhenTold() {
        String action = "{\"timestream\": {" + ROLE + ", \"databaseName\": \"db\", \"tableName\": \"t\", "
                + "\"dimensions\": [{\"name\": \"device_id\", \"value\": \"${topic(3)}\"}], "
                + "\"timestamp\": {\"value\": \"${ts}\", \"unit\": \"SECONDS\"}}}";
        TimestreamWrite w = (TimestreamWrite) fire("SELECT a" + FROM, "2015-10-08", action,
                "{\"a\": 1, \"ts\": 1714564800}").actions().get(0);
        assertEquals("1714564800 SECONDS", w.records().get(0).time() + " " + w.records().get(0).timeUnit());

        RuleMatch bad = fire("SELECT a" + FROM, "2015-10-08", action, "{\"a\": 1, \"ts\": \"yesterday\"}");
        assertEquals(new ActionFailure("timestream", "TimestreamAction", "db/t",
                "timestamp '${ts}' gave 'yesterday', not a whole number of seconds since the epoch"), bad.actions().get(0));
    }

    @Test
    void aReservedMeasureNameFailsTheActionAndTriggersTheErrorAction() {
        String payload = "{\"time\": 5, \"cpu\": 1.5}";
        RuleMatch m = fire("SELECT *" + FROM, "2015-10-08", TIMESTREAM, payload);
        ActionFailure f = new ActionFailure("timestream", "TimestreamAction", "db/things",
                "measure name 'time' is reserved by Timestream");
        assertEquals(List.of(f), m.actions());
        assertTrue(m.failed());
        CloudWatchLogsPut log = assertInstanceOf(CloudWatchLogsPut.class, m.errorActions().get(0));
        assertEquals("/errors/dev1", log.logGroupName());
        String base64 = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"ruleName\":\"test_rule\",\"topic\":\"$aws/things/dev1/shadow/update\","
                + "\"cloudwatchTraceId\":\"" + SqlFixture.UUID_1 + "\",\"clientId\":\"client-7\","
                + "\"base64OriginalPayload\":\"" + base64 + "\",\"failures\":[{\"failedAction\":\"TimestreamAction\","
                + "\"failedResource\":\"db/things\",\"errorMessage\":\"measure name 'time' is reserved by Timestream\"}]}",
                log.message());
    }

    @Test
    void anEmptyDimensionFailsTheAction() {
        String action = TIMESTREAM.replace("${topic(3)}", "${device}");
        RuleMatch m = fire("SELECT a" + FROM, "2015-10-08", action, "{\"a\": 1}");
        assertEquals(new ActionFailure("timestream", "TimestreamAction", "db/things",
                "dimension 'device_id' is empty: '${device}' gave no value for this message"), m.actions().get(0));
    }

    private static final String INFLUX = "{\"influxDB\": {" + ROLE + ", \"destinationArn\": \"arn:dest\", "
            + "\"databaseName\": \"db\", \"tableName\": \"my table\", \"organization\": \"org\", "
            + "\"tags\": {\"device id\": \"${topic(3)}\", \"site\": \"a,b=c\", \"empty\": \"${missing}\"}, "
            + "\"timestampUnit\": \"SECONDS\"}}";

    @Test
    void influxDbWritesOnePointInLineProtocol() {
        RuleMatch m = fire("SELECT a AS count, b AS ratio, t AS ok, s AS label, n AS gone, ts AS timestamp" + FROM,
                "2015-10-08", INFLUX,
                "{\"a\": 3, \"b\": 2.5, \"t\": true, \"s\": \"say \\\"hi\\\" \\\\o/\", \"n\": null, \"ts\": 1714564800}");
        InfluxDbWrite w = assertInstanceOf(InfluxDbWrite.class, m.actions().get(0));
        assertEquals("my table", w.measurement());
        assertEquals(Map.of("device id", "dev1", "site", "a,b=c"), w.tags());
        assertEquals(1714564800L, w.timestamp());
        assertEquals("SECONDS", w.timestampUnit());
        assertEquals("org", w.organization());
        assertEquals("my\\ table,device\\ id=dev1,site=a\\,b\\=c count=3i,ratio=2.5,ok=true,"
                + "label=\"say \\\"hi\\\" \\\\o/\" 1714564800", w.lineProtocol());
    }

    @Test
    void influxDbNeedsAnIntegerTimestampInTheResult() {
        RuleMatch m = fire("SELECT a" + FROM, "2015-10-08", INFLUX, "{\"a\": 3}");
        assertEquals(new ActionFailure("influxDB", "InfluxDBAction", "db/my table", "the SELECT result has no integer "
                + "'timestamp'; the InfluxDB action takes each point's time from it (select it, e.g. "
                + "state.reported.timestamp AS timestamp)"), m.actions().get(0));
        assertEquals(1, m.errorActions().size());
    }

    @Test
    void templatesReadTheOriginalMessageNotTheSelectAliases() {
        String action = "{\"s3\": {" + ROLE + ", \"bucketName\": \"bucket-${topic(3)}\", "
                + "\"key\": \"${alias}|${a}|${state.reported.cpu_usage * 2}|${clientid()}|${newuuid()}\"}}";
        RuleMatch m = fire("SELECT a + 100 AS alias, 7 AS a" + FROM, "2015-10-08", action, SqlFixture.PAYLOAD);
        S3PutObject put = assertInstanceOf(S3PutObject.class, m.actions().get(0));
        assertEquals("bucket-dev1", put.bucketName());
        assertEquals("|1|25.0|client-7|" + SqlFixture.UUID_1, put.key());
        assertEquals("{\"alias\":101,\"a\":7}", put.body());
        assertEquals(null, put.cannedAcl());
    }

    @Test
    void templatesSeeSetVariables() {
        String action = "{\"s3\": {" + ROLE + ", \"bucketName\": \"b\", \"key\": \"${@day}/${upper(@who)}.json\"}}";
        RuleMatch m = fire("SET @day = parse_time('yyyy-MM-dd', timestamp()), @who = topic(3) SELECT a" + FROM,
                "2016-03-23", action, SqlFixture.PAYLOAD);
        assertEquals("2024-05-01/DEV1.json", ((S3PutObject) m.actions().get(0)).key());
    }

    @Test
    void snsAndCloudWatchLogsSendTheSelectResult() {
        String actions = "{\"sns\": {" + ROLE + ", \"targetArn\": \"arn:sns:${topic(3)}\"}}, "
                + "{\"cloudwatchLogs\": {" + ROLE + ", \"logGroupName\": \"logs\"}}";
        RuleMatch m = fire("SELECT s, a" + FROM, "2015-10-08", actions, SqlFixture.PAYLOAD);
        assertEquals(List.of(new SnsPublish("arn:sns:dev1", "RAW", "{\"s\":\"text\",\"a\":1}"),
                new CloudWatchLogsPut("logs", "{\"s\":\"text\",\"a\":1}")), m.actions());
        assertFalse(m.failed());
        assertEquals("{\"action\":\"sns\",\"targetArn\":\"arn:sns:dev1\",\"messageFormat\":\"RAW\","
                + "\"message\":\"{\\\"s\\\":\\\"text\\\",\\\"a\\\":1}\"}", m.actions().get(0).toJson().toString());
    }
}
