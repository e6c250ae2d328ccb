package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar sysmon.jar rule-test} as a real process, on the shipped rule files packed beside the jar. */
class RuleTestCommandIT {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "$aws/things/my_iot_device_2/shadow/update";
    private static final String SPIKE = "{\"state\":{\"reported\":{\"cpu_usage\":97.5,\"cpu_freq\":3500,"
            + "\"cpu_temp\":88.3,\"ram_usage\":4294967296,\"ram_total\":8589934592,\"fan_speed\":2400,"
            + "\"timestamp\":1714564800}}}";

    /** Failsafe names the freshly packaged jar; a unit-test run picked up by a -Dtest pattern skips these. */
    @BeforeEach
    void needsThePackagedJar() {
        assumeTrue(System.getProperty("sysmon.jar") != null, "runs under failsafe, after package");
    }

    @Test
    void theAlertRuleFiresOnASpikeWithAReadableMessage() throws Exception {
        try (JarProcess p = JarProcess.start("rule-test", "--rule", "rules/shadow-alerts-to-sns.json",
                "--topic", TOPIC, "--client-id", "my_iot_device_2", "--payload", SPIKE)) {
            assertEquals(0, p.waitForExit(EXIT), () -> String.join("\n", p.errLines()));
            List<String> out = p.outLines();
            assertEquals(2, out.size(), out::toString);
            JsonNode result = JSON.readTree(out.get(0));
            assertEquals("my_iot_device_2: cpu_temp 88.3 °C > 80 °C, cpu_usage 97.5 % > 90 %",
                    result.get("message").textValue());
            JsonNode sns = JSON.readTree(out.get(1));
            assertEquals("sns", sns.get("action").textValue());
            assertEquals("arn:aws:sns:us-east-1:123456789012:sysmon-alerts", sns.get("targetArn").textValue());
            assertEquals(result, JSON.readTree(sns.get("message").textValue()));
            assertEquals(List.of(), p.errLines());
        }
    }

    @Test
    void aSteadySampleDoesNotFireTheAlertRuleAndExits1() throws Exception {
        String steady = SPIKE.replace("97.5", "17.5").replace("88.3", "48.3");
        try (JarProcess p = JarProcess.start("rule-test", "--rule", "rules/shadow-alerts-to-sns.json",
                "--topic", TOPIC, "--payload", steady)) {
            assertEquals(1, p.waitForExit(EXIT));
            assertEquals(List.of("sysmon rule-test: the rule does not fire: WHERE @hot OR @busy OR @full is false "
                    + "for this message"), p.errLines());
            assertEquals(List.of(), p.outLines());
        }
    }

    @Test
    void aBadRuleIsOneLineWithoutAStackTraceAndExits2() throws Exception {
        try (JarProcess p = JarProcess.start("rule-test", "--rule", "pom.xml", "--topic", TOPIC,
                "--payload", SPIKE)) {
            assertEquals(2, p.waitForExit(EXIT));
            List<String> err = p.errLines();
            assertEquals(1, err.size(), err::toString);
            assertEquals("sysmon rule-test: pom.xml: not valid JSON at line 1, column 1: Unexpected character ('<' "
                    + "(code 60)): expected a valid value (JSON String, Number, Array, Object or token 'null', "
                    + "'true' or 'false')", err.get(0));
            assertFalse(err.get(0).contains("Exception"));
        }
    }
}
