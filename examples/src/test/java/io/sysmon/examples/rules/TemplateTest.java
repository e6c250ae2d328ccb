package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Substitution templates, rendered against {@link SqlFixture#PAYLOAD} on {@link SqlFixture#TOPIC}. */
class TemplateTest {

    private static String render(String template, SqlVersion version) {
        EvalContext c = new EvalContext(SqlFixture.message(SqlFixture.PAYLOAD), () -> SqlFixture.UUID_1);
        c.version = version;
        c.v2 = version == SqlVersion.V2016_03_23;
        return Template.compile(template, version, Map.of()).render(c);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "plain text | plain text",
        "${topic(3)} | dev1",
        "a/${topic(3)}/b/${a + 1} | a/dev1/b/2",
        "${missing}/${n}/${s} | //text",
        "${b} and ${whole} | 2.5 and 10.0",
        "${concat('}', s, '{')} | }text{",
        "${'a''}b'} | a'}b",
        "${obj} | {\"k\":\"v\",\"d\":10.0}",
        "$ and {} and $x | $ and {} and $x",
        "${state.reported.cpu_usage * 2}% | 25.0%",
    })
    void rendersEachExpressionAgainstTheOriginalMessage(String template, String expected) {
        assertEquals(expected.strip(), render(template.strip(), SqlVersion.V2015_10_08));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "${whole} | 10",
        "${ {'x': topic(3)} } | {\"x\":\"dev1\"}",
    })
    void under2016TheSameRulesApply(String template, String expected) {
        assertEquals(expected.strip(), render(template.strip(), SqlVersion.V2016_03_23));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "${topic(3) | bad substitution template '${topic(3)': no closing '}'",
        "x/${} | bad substitution template '${}': SQL error at 1:1: expected an expression inside ${}",
        "${a +} | bad substitution template '${a +}': SQL error at 1:4: expected an expression, found the end of the statement",
        "${a b} | bad substitution template '${a b}': SQL error at 1:3: expected the end of the expression, found 'b'",
    })
    void aBadTemplateIsNamedWithItsReason(String template, String message) {
        assertEquals(message.strip(), assertThrows(Template.BadTemplateException.class,
                () -> Template.compile(template.strip(), SqlVersion.V2015_10_08, Map.of())).getMessage());
    }
}
