package io.sysmon.examples.rules;

import static io.sysmon.examples.rules.SqlFixture.PAYLOAD;
import static io.sysmon.examples.rules.SqlFixture.TOPIC;
import static io.sysmon.examples.rules.SqlFixture.run;
import static io.sysmon.examples.rules.SqlVersion.V2015_10_08;
import static io.sysmon.examples.rules.SqlVersion.V2016_03_23;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole statements: SELECT shapes, WHERE, FROM, SET, and payloads that are not JSON. */
class IotSqlStatementTest {

    private static final String FROM = " FROM '$aws/things/+/shadow/update'";

    @Test
    void selectStarCopiesThePayload() {
        assertEquals("{\"color\":\"red\",\"temperature\":50}",
                run(V2015_10_08, "SELECT *" + FROM, "{\"color\":\"red\",\"temperature\":50}"));
    }

    @Test
    void selectStarWithMoreItemsAddsThem() {
        assertEquals("{\"color\":\"red\",\"temperature\":50,\"speed\":15}",
                run(V2015_10_08, "SELECT *, 15 AS speed" + FROM, "{\"color\":\"red\",\"temperature\":50}"));
    }

    @Test
    void selectStarUnder2016TurnsWholeDecimalsIntoIntegersThroughout() {
        String payload = "{\"x\":10.0,\"nested\":{\"y\":[1.0,1.5]}}";
        assertEquals("{\"x\":10,\"nested\":{\"y\":[1,1.5]}}", run(V2016_03_23, "SELECT *" + FROM, payload));
        assertEquals("{\"x\":10.0,\"nested\":{\"y\":[1.0,1.5]}}", run(V2015_10_08, "SELECT *" + FROM, payload));
    }

    @Test
    void aliasesNameTheKeysAndUnaliasedPathsUseTheirLastName() {
        assertEquals("{\"my_color\":\"red\",\"temperature\":50,\"red_value\":255}",
                run(V2015_10_08, "SELECT color.name AS my_color, temperature, color.rgb[0] AS red_value" + FROM,
                        "{\"color\":{\"name\":\"red\",\"rgb\":[255,0,0]},\"temperature\":50}"));
    }

    @Test
    void unaliasedExpressionsAreNamedByTheirText() {
        assertEquals("{\"topic(3)\":\"dev1\",\"a + 1\":2}", run(V2015_10_08, "SELECT topic(3), a + 1" + FROM, PAYLOAD));
    }

    @Test
    void aDottedAliasBuildsNestedObjects() {
        assertEquals("{\"bar\":{\"baz\":\"RED\",\"n\":1}}",
                run(V2015_10_08, "SELECT upper(foo.bar) AS bar.baz, 1 AS bar.n" + FROM, "{\"foo\":{\"bar\":\"red\"}}"));
    }

    @Test
    void undefinedIsLeftOutAndNullIsKept() {
        assertEquals("{\"foo\":null}", run(V2015_10_08, "SELECT foo, bar" + FROM, "{\"foo\": null}"));
        assertEquals("{\"a\":1}", run(V2015_10_08, "SELECT missing AS m, a, a + missing AS sum" + FROM, PAYLOAD));
    }

    @Test
    void selectValueReturnsTheValueItself() {
        assertEquals("\"text\"", run(V2015_10_08, "SELECT VALUE s" + FROM, PAYLOAD));
        assertEquals("[10,20,{\"x\":1}]", run(V2015_10_08, "select value arr" + FROM, PAYLOAD));
    }

    @Test
    void aFieldCalledValueIsStillAField() {
        assertEquals("{\"value\":3}", run(V2015_10_08, "SELECT value" + FROM, "{\"value\":3}"));
    }

    @Test
    void keywordsAndFunctionNamesAreCaseInsensitive() {
        assertEquals("{\"x\":\"dev1\"}", run(V2015_10_08, "sElEcT Topic(3) As x from '$aws/things/+/shadow/update' "
                + "WhErE a = 1 aNd NoT b > 3", PAYLOAD));
    }

    @Test
    void whereFiltersAndUndefinedIsNotTrue() {
        assertEquals("{\"a\":1}", run(V2015_10_08, "SELECT a" + FROM + " WHERE a = 1", PAYLOAD));
        assertEquals("no result", run(V2015_10_08, "SELECT a" + FROM + " WHERE a = 2", PAYLOAD));
        assertEquals("no result", run(V2015_10_08, "SELECT a" + FROM + " WHERE missing > 1", PAYLOAD));
        assertEquals("no result", run(V2015_10_08, "SELECT a" + FROM + " WHERE NOT missing > 1", PAYLOAD));
        assertEquals("no result", run(V2015_10_08, "SELECT a" + FROM + " WHERE 'true'", PAYLOAD));
    }

    @Test
    void whereCannotSeeSelectAliases() {
        // The WHERE clause reads the original message: an alias is just a missing field there.
        assertEquals("no result", run(V2015_10_08, "SELECT a AS alias" + FROM + " WHERE alias = 1", PAYLOAD));
    }

    @Test
    void theTopicFilterMustMatch() {
        String sql = "SELECT a" + FROM;
        assertEquals("{\"a\":1}", run(V2015_10_08, sql, SqlFixture.message(TOPIC, bytes(PAYLOAD))));
        assertEquals("no result", run(V2015_10_08, sql,
                SqlFixture.message("$aws/things/dev1/shadow/get", bytes(PAYLOAD))));
        assertEquals("no result", run(V2015_10_08, sql,
                SqlFixture.message("$aws/things/dev1/shadow/name/x/update", bytes(PAYLOAD))));
    }

    @Test
    void setVariablesAreComputedOnceAndUsableEverywhere() {
        String sql = "SET @sum = a + b, @twice = @sum * 2 SELECT @sum AS sum, @twice AS twice" + FROM
                + " WHERE @twice > 6";
        assertEquals("{\"sum\":3.5,\"twice\":7.0}", run(V2015_10_08, sql, PAYLOAD));
        assertEquals("{\"x\":\"v\"}", run(V2016_03_23, "SET @o = obj SELECT @o.k AS x" + FROM, PAYLOAD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "80", "\"just a string\"", "{\"a\": 1} trailing", "{\"a\": ", ""})
    void aPayloadThatIsNotJsonIsBinaryAndItsFieldsAreUndefined(String payload) {
        Message m = SqlFixture.message(TOPIC, bytes(payload));
        assertFalse(m.isJson());
        assertEquals("{\"t\":\"dev1\"}", run(V2015_10_08, "SELECT a, topic(3) AS t" + FROM, m));
        assertEquals("no result", run(V2015_10_08, "SELECT a" + FROM + " WHERE a > 0", m));
    }

    @Test
    void selectStarOfABinaryPayloadIsItsBytes() {
        Message m = SqlFixture.message(TOPIC, new byte[] {(byte) 0xff, 0x00, 0x41});
        TopicRule rule = TopicRule.parse("{\"sql\": \"SELECT * FROM '#'\", \"actions\": [{\"s3\": {"
                + "\"roleArn\": \"arn:aws:iam::123456789012:role/r\", \"bucketName\": \"b\", \"key\": \"k\"}}]}");
        RuleMatch match = new RuleEngine(List.of(rule)).evaluate(
                SqlFixture.message("a/b", new byte[] {(byte) 0xff, 0x00, 0x41})).get(0);
        assertTrue(match.result().isBinary(), match.result()::toString);
        assertFalse(m.isJson());
    }

    @Test
    void aJsonArrayPayloadIsJsonButHasNoFields() {
        Message m = SqlFixture.message(TOPIC, bytes("[1, 2]"));
        assertTrue(m.isJson());
        assertEquals("{}", run(V2015_10_08, "SELECT a" + FROM, m));
    }

    @Test
    void compiledSqlEvaluatesOnItsOwn() {
        IotSql sql = IotSql.compile("SELECT state.reported.cpu_usage AS cpu" + FROM + " WHERE a = 1", V2015_10_08);
        Optional<JsonNode> result = sql.evaluate(Message.of(TOPIC, bytes(PAYLOAD), null, Instant.EPOCH));
        assertEquals("{\"cpu\":12.5}", result.orElseThrow().toString());
        assertEquals("$aws/things/+/shadow/update", sql.from().toString());
        assertEquals(Optional.of("a = 1"), sql.where());
        assertEquals(Optional.of(List.of("cpu")), sql.outputNames());
        assertEquals(Optional.empty(), sql.evaluate(Message.of("other", bytes(PAYLOAD), null, Instant.EPOCH)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
