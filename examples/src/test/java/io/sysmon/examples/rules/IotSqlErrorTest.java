package io.sysmon.examples.rules;

import static io.sysmon.examples.rules.SqlVersion.V2015_10_08;
import static io.sysmon.examples.rules.SqlVersion.V2016_03_23;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Statements that do not compile: each error names its 1-based line:column and the reason. */
class IotSqlErrorTest {

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("SELECT cpu AS c WERE cpu > 1 FROM 'a/b'",
                        "SQL error at 1:17: expected FROM, found 'WERE'"),
                bad("SELECT a FROM 'a/b' WERE a > 1",
                        "SQL error at 1:21: expected WHERE or the end of the statement, found 'WERE'"),
                bad("SELECT a FORM 'a/b'", "SQL error at 1:10: expected FROM, found 'FORM'"),
                bad("SELECT a", "SQL error at 1:9: expected FROM, found the end of the statement"),
                bad("SELEC a FROM 'a/b'", "SQL error at 1:1: expected SELECT, found 'SELEC'"),
                bad("SELECT (a + 1 FROM 'a/b'", "SQL error at 1:15: expected ')', found 'FROM'"),
                bad("SELECT a,\n  b +\nFROM 'a/b'", "SQL error at 3:1: expected an expression, found 'FROM'"),
                bad("SELECT a FROM 'a/b' WHERE", "SQL error at 1:26: expected an expression, found the end of the statement"),
                bad("SELECT a FROM \"a/b\"",
                        "SQL error at 1:15: expected the topic filter in single quotes after FROM, found string 'a/b'"),
                bad("SELECT a FROM 'a/#/b'",
                        "SQL error at 1:15: '#' must be a whole level and the last one, in topic filter 'a/#/b'"),
                bad("SELECT a FROM 'a/b+'", "SQL error at 1:15: '+' must be a whole level, in topic filter 'a/b+'"),
                bad("SELECT 'abc FROM 'a/b'", "SQL error at 1:22: unterminated string: no closing '"),
                bad("SELECT 12abc FROM 'a/b'", "SQL error at 1:8: malformed number '12a'"),
                bad("SELECT a # b FROM 'a/b'", "SQL error at 1:10: unexpected character '#'"),
                bad("SELECT a.1 FROM 'a/b'",
                        "SQL error at 1:10: expected a field name after '.', found '1'; use get(value, '1') for such keys"),
                bad("SELECT a AS FROM 'a/b'", "SQL error at 1:13: expected a name after AS, found 'FROM'"),
                bad("SELECT CASE WHEN a > 1 THEN 1 END FROM 'a/b'", "SQL error at 1:13: AWS IoT SQL has only the "
                        + "simple CASE form, CASE value WHEN ... ; to test conditions write CASE true WHEN condition THEN ..."),
                bad("SELECT CASE a THEN 1 END FROM 'a/b'",
                        "SQL error at 1:15: expected WHEN, found 'THEN'; CASE needs at least one WHEN"),
                bad("SELECT CASE a WHEN 1 THEN 2 FROM 'a/b'",
                        "SQL error at 1:29: expected WHEN, ELSE or END, found 'FROM'"),
                bad("SELECT cast(a AS Float) FROM 'a/b'",
                        "SQL error at 1:18: unknown type 'Float' in cast; use String, Int, Double, Decimal or Boolean"),
                bad("SELECT cast(a, Int) FROM 'a/b'", "SQL error at 1:14: expected AS in cast(value AS type), found ','"),
                bad("SELECT @v FROM 'a/b'",
                        "SQL error at 1:8: unknown variable @v; define it in a SET clause before SELECT"),
                bad("SET @v = 1, @v = 2 SELECT @v FROM 'a/b'",
                        "SQL error at 1:13: variable @v is already set; variables are set once"),
                bad("SET @v = @v + 1 SELECT @v FROM 'a/b'",
                        "SQL error at 1:10: unknown variable @v; define it in a SET clause before SELECT"),
                bad("SET v = 1 SELECT a FROM 'a/b'",
                        "SQL error at 1:5: expected a variable such as @name after SET, found 'v'"),
                bad("SELECT a FROM 'a/b' WHERE a > 1 AND",
                        "SQL error at 1:36: expected an expression, found the end of the statement"),
                bad("SELECT upper(a FROM 'a/b'", "SQL error at 1:16: expected ',' or ')', found 'FROM'"));
    }

    private static Arguments bad(String sql, String message) {
        return Arguments.of(sql, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedSqlNamesThePositionAndTheReason(String sql, String message) {
        RuleSqlException e = assertThrows(RuleSqlException.class, () -> IotSql.compile(sql, V2015_10_08));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theExceptionCarriesLineColumnAndReason() {
        RuleSqlException e = assertThrows(RuleSqlException.class,
                () -> IotSql.compile("SELECT a,\n  b +\nFROM 'a/b'", V2015_10_08));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertEquals("expected an expression, found 'FROM'", e.reason());
    }

    @Test
    void anUnknownFunctionIsNamedWithItsPosition() {
        RuleSqlException e = assertThrows(RuleSqlException.class,
                () -> IotSql.compile("SELECT a, frobnicate(a) AS f FROM 'a/b'", V2015_10_08));
        assertEquals("SQL error at 1:11: unknown function 'frobnicate'", e.getMessage());
    }

    @Test
    void anAwsFunctionThisEngineLacksIsNamedAsSuch() {
        RuleSqlException e = assertThrows(RuleSqlException.class,
                () -> IotSql.compile("SELECT md5(a) FROM 'a/b'", V2016_03_23));
        assertEquals("SQL error at 1:8: function 'md5' is not supported by this offline rules engine", e.getMessage());
    }

    @Test
    void featuresOf2016NeedThatVersion() {
        assertEquals("SQL error at 1:8: function isUndefined needs awsIotSqlVersion 2016-03-23 or later; "
                + "this rule uses 2015-10-08", compileError("SELECT isUndefined(a) FROM 'a/b'"));
        assertEquals("SQL error at 1:8: function parse_time needs awsIotSqlVersion 2016-03-23 or later; "
                + "this rule uses 2015-10-08", compileError("SELECT parse_time('yyyy', timestamp()) FROM 'a/b'"));
        assertEquals("SQL error at 1:18: cast to Decimal needs awsIotSqlVersion 2016-03-23 or later; "
                + "this rule uses 2015-10-08", compileError("SELECT cast(a AS Decimal) FROM 'a/b'"));
        assertEquals("SQL error at 1:8: an object literal needs awsIotSqlVersion 2016-03-23 or later; "
                + "this rule uses 2015-10-08", compileError("SELECT {'a': 1} AS o FROM 'a/b'"));
    }

    private static String compileError(String sql) {
        return assertThrows(RuleSqlException.class, () -> IotSql.compile(sql, V2015_10_08)).getMessage();
    }
}
