package io.sysmon.examples.rules;

import static io.sysmon.examples.rules.SqlFixture.eval;
import static io.sysmon.examples.rules.SqlVersion.V2015_10_08;
import static io.sysmon.examples.rules.SqlVersion.V2016_03_23;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions against {@link SqlFixture#PAYLOAD}: each case gives the expected value as JSON, or
 * {@code Undefined}, under SQL 2015-10-08 (v1) or 2016-03-23 (v2).
 */
class IotSqlEvaluationTest {

    private static Arguments v1(String expression, String expected) {
        return Arguments.of(V2015_10_08, expression, expected);
    }

    private static Arguments v2(String expression, String expected) {
        return Arguments.of(V2016_03_23, expression, expected);
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                v1("state.reported.cpu_usage", "12.5"),
                v1("a", "1"),
                v1("arr[1]", "20"),
                v1("arr[2].x", "1"),
                v1("arr[5]", "Undefined"),
                v1("arr[a]", "20"),
                v1("obj.k", "\"v\""),
                v1("obj", "{\"k\":\"v\",\"d\":10.0}"),
                v2("obj", "{\"k\":\"v\",\"d\":10}"),
                v1("missing.deep.path", "Undefined"),
                v1("n", "null"),
                v1("n.x", "Undefined"),
                v1("s.x", "Undefined"),
                v1("a.b", "Undefined"),
                v1("obj.k.z", "Undefined"));
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                v1("'it''s'", "\"it's\""),
                v1("'it\\'s'", "\"it's\""),
                v1("\"double quoted\"", "\"double quoted\""),
                v1("true", "true"),
                v1("FALSE", "false"),
                v1("Null", "null"),
                v1("42", "42"),
                v1("-7", "-7"),
                v1("10.0", "10.0"),
                v2("10.0", "10"),
                v1("1e3", "1000.0"),
                v2("1e3", "1000"),
                v1("2.5", "2.5"),
                v2("2.5", "2.5"),
                v1("whole", "10.0"),
                v2("whole", "10"),
                v2("{'lat': b, 'gone': missing}", "{\"lat\":2.5}"),
                v2("[a, missing, s]", "[1,\"text\"]"));
    }

    static Stream<Arguments> arithmetic() {
        return Stream.of(
                v1("a + 2", "3"),
                v1("a + b", "3.5"),
                v1("b * 2", "5.0"),
                v2("b * 2", "5"),
                v1("7 / 2", "3"),
                v1("-7 / 2", "-3"),
                v1("7 / 2.0", "3.5"),
                v1("7 % 3", "1"),
                v1("-a", "-1"),
                v1("-(a + b)", "-3.5"),
                v1("2 + 3 * 4", "14"),
                v1("(2 + 3) * 4", "20"),
                v1("num - 2", "40.0"),
                v2("num - 2", "40"),
                v1("num * 1", "42.0"),
                v1("s + 1", "\"text1\""),
                v1("1 + s", "\"1text\""),
                v1("num + 1", "\"421\""),
                v1("'a' + n", "Undefined"),
                v1("a / 0", "Undefined"),
                v1("b / 0", "Undefined"),
                v1("a % 0", "Undefined"),
                v1("missing + 1", "Undefined"),
                v1("missing * 2", "Undefined"),
                v1("t + 1", "Undefined"),
                v1("s - 1", "Undefined"),
                v1("arr + 1", "Undefined"),
                v1("9223372036854775807 + 1", "9.223372036854776E18"));
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                v1("a = 1", "true"),
                v1("a == 1", "true"),
                v1("a = 1.0", "true"),
                v1("a = '1'", "false"),
                v1("a <> '1'", "true"),
                v1("a != 2", "true"),
                v1("s = 'text'", "true"),
                v1("s = 'TEXT'", "false"),
                v1("t = true", "true"),
                v1("missing = 1", "Undefined"),
                v1("missing <> 1", "Undefined"),
                v1("n = NULL", "true"),
                v1("n <> NULL", "false"),
                v1("a < 2", "true"),
                v1("a <= 1", "true"),
                v1("b > 2", "true"),
                v1("b >= 2.6", "false"),
                v1("num > 41", "true"),
                v1("num < '50'", "true"),
                v1("s > 1", "Undefined"),
                v1("t > 0", "Undefined"),
                v1("missing > 0", "Undefined"),
                v1("n > 0", "Undefined"),
                v2("arr = [10, 20, {'x': 1}]", "true"),
                v2("arr = [20, 10, {'x': 1}]", "false"),
                v2("obj = {'d': 10, 'k': 'v'}", "true"),
                v1("obj = arr", "false"));
    }

    static Stream<Arguments> logic() {
        return Stream.of(
                v1("true AND false", "false"),
                v1("true and true", "true"),
                v1("true AND 'TRUE'", "true"),
                v1("'false' OR false", "false"),
                v1("false OR true", "true"),
                // AWS's truth tables: an operand that is not a Boolean makes the result Undefined, even when the
                // other operand alone would decide it.
                v1("true AND missing", "Undefined"),
                v1("false AND missing", "Undefined"),
                v1("true OR missing", "Undefined"),
                v1("true AND 1", "Undefined"),
                v1("NOT false", "true"),
                v1("NOT 'false'", "true"),
                v1("NOT 1", "Undefined"),
                v1("NOT missing", "Undefined"),
                v1("NOT a = 2", "true"),
                v1("(a = 1 OR a = 2) AND NOT b > 3", "true"),
                v1("a = 1 OR a = 2 AND b > 3", "true"));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                v1("CASE s WHEN 'x' THEN 1 WHEN 'text' THEN 2 ELSE 3 END", "2"),
                v1("case a when 1.0 then 'one' end", "\"one\""),
                v1("CASE s WHEN 'x' THEN 1 ELSE 3 END", "3"),
                v1("CASE s WHEN 'x' THEN 1 END", "Undefined"),
                v1("CASE missing WHEN 'x' THEN 1 ELSE 3 END", "Undefined"),
                v1("CASE s WHEN missing THEN 1 ELSE 3 END", "3"),
                v1("CASE true WHEN a > 0 THEN 'positive' ELSE 'not positive' END", "\"positive\""),
                v1("CASE true WHEN missing > 0 THEN 'positive' ELSE 'unknown' END", "\"unknown\""),
                v1("CASE a WHEN 1 THEN CASE s WHEN 'text' THEN 'nested' END END", "\"nested\""));
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                v1("clientid()", "\"client-7\""),
                v1("ClientId()", "\"client-7\""),
                v1("timestamp()", "1714564800123"),
                v1("newuuid()", "\"00000000-0000-4000-8000-000000000001\""),
                v1("topic()", "\"things/dev1/metrics\""),
                v1("topic(2)", "\"dev1\""),
                v1("TOPIC(3)", "\"metrics\""),
                v1("topic(0)", "Undefined"),
                v1("topic(4)", "Undefined"),
                v1("topic('x')", "Undefined"),
                v1("abs(-5)", "5"),
                v1("abs(-2.5)", "2.5"),
                v1("abs('-3')", "3.0"),
                v2("abs('-3')", "3"),
                v1("abs(s)", "Undefined"),
                v1("abs(1, 2)", "Undefined"),
                v1("round(1.5)", "2"),
                v1("round(-1.5)", "-2"),
                v1("round(1.2)", "1"),
                v1("round(a)", "1"),
                v1("round('2.7')", "3"),
                v1("floor(-1.2)", "-2"),
                v1("floor(b)", "2"),
                v1("ceil(1.2)", "2"),
                v1("ceil(-1.2)", "-1"),
                v1("ceil(s)", "Undefined"),
                v1("sign(-2.5)", "-1"),
                v1("trunc(2.3123, 2)", "2.31"),
                v1("trunc(2.888, 2)", "2.88"),
                v1("trunc(2.00, 5)", "2"),
                v1("mod(8, 3)", "2"),
                v1("power(2, 10)", "1024.0"),
                v1("sqrt(-1)", "Undefined"),
                v1("nanvl(missing, 'fallback')", "\"fallback\""),
                v1("nanvl(a, 'fallback')", "1"),
                v1("cast(b AS Int)", "2"),
                v1("cast(-2.5 AS Int)", "-3"),
                v1("cast('12.9' AS Integer)", "12"),
                v1("cast(true AS Int)", "1"),
                v1("cast(a AS Double)", "1.0"),
                v2("cast(a AS Double)", "1"),
                v1("cast('12.5' AS Double)", "12.5"),
                v1("cast(a AS String)", "\"1\""),
                v1("cast(b AS varchar)", "\"2.5\""),
                v1("cast(obj AS String)", "\"{\\\"k\\\":\\\"v\\\",\\\"d\\\":10.0}\""),
                v1("cast(n AS String)", "Undefined"),
                v1("cast(s AS Int)", "Undefined"),
                v2("cast(b AS Decimal)", "2.5"),
                // 2016-03-23 turns a whole number into an Int even through cast(... AS Decimal).
                v2("cast(whole AS Decimal)", "10"),
                v2("cast(1 AS Boolean)", "true"),
                v2("cast(0.0 AS Bool)", "false"),
                v2("cast('TRUE' AS Boolean)", "true"),
                v2("cast(s AS Boolean)", "Undefined"),
                v1("concat('a', 1, true)", "\"a1true\""),
                v1("concat(s, '-', b)", "\"text-2.5\""),
                v1("concat(arr, 4)", "[10,20,{\"x\":1},4]"),
                v1("concat(missing, 'x')", "Undefined"),
                v1("concat(n, 'x')", "Undefined"),
                v1("concat()", "Undefined"),
                v1("concat(1)", "\"1\""),
                v1("concat(1, 2)", "Undefined"),
                v1("lower('HeLLo')", "\"hello\""),
                v1("upper(s)", "\"TEXT\""),
                v1("upper(missing)", "Undefined"),
                v1("trim('  x ')", "\"x\""),
                v1("substring('012345', 2)", "\"2345\""),
                v1("substring('012345', 2.745)", "\"2345\""),
                v1("substring('012345', 1, 3)", "\"12\""),
                v1("substring('012345', -50, 50)", "\"012345\""),
                v1("substring('012345', 3, 1)", "\"\""),
                v1("substring(123, 2)", "\"3\""),
                v1("substring(true, 1.2)", "\"rue\""),
                v2("length('h€llo')", "5"),
                v1("startswith(s, 'te')", "true"),
                v1("endswith(s, 'x')", "false"),
                v1("indexof(s, 'x')", "2"),
                v1("replace('a.b.c', '.', '/')", "\"a/b/c\""),
                v1("isNull(n)", "true"),
                v1("isNull(missing)", "false"),
                v1("isnull(a)", "false"),
                v2("isUndefined(missing)", "true"),
                v2("isUndefined(n)", "false"),
                v2("isUndefined(floor(arr))", "true"),
                v1("get(arr, 1)", "20"),
                v1("get(obj, 'k')", "\"v\""),
                v1("get(obj, 'nope')", "Undefined"),
                v1("get(s, 0)", "Undefined"),
                v1("sql_version()", "\"2015-10-08\""),
                v2("sql_version()", "\"2016-03-23\""),
                v2("parse_time('yyyy-MM-dd HH:mm:ss', timestamp())", "\"2024-05-01 12:00:00\""),
                v2("parse_time('yyyy-MM-dd', 1714608000000, 'America/Los_Angeles')", "\"2024-05-01\""),
                // AWS's own example: 100000000 ms after the epoch, in Belize.
                v2("parse_time(\"yyyy.MM.dd G 'at' HH:mm:ss z\", 100000000, 'America/Belize')",
                        "\"1970.01.01 AD at 21:46:40 CST\""),
                v2("parse_time('yyyy', s)", "Undefined"),
                v2("parse_time('yyyy', 0, 'Nowhere/Special')", "Undefined"));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource({"paths", "literals", "arithmetic", "comparisons", "logic", "cases", "functions"})
    void evaluates(SqlVersion version, String expression, String expected) {
        assertEquals(expected, eval(version, expression));
    }
}
