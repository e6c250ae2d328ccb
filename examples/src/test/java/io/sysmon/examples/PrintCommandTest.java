package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrintCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THING_NAME_RULE =
            "must be an AWS IoT thing name: 1 to 128 characters from a-z A-Z 0-9 : _ -";

    @Test
    void printsOneJsonPayloadPerSample() throws Exception {
        CliRun r = CliRun.run("print", "--sampler", "fake", "--count", "3", "0.01", "my_iot_device_1");

        assertEquals(0, r.exitCode, r::toString);
        assertEquals("", r.err);
        List<String> lines = r.outLines();
        assertEquals(3, lines.size(), r::toString);
        List<String> payloadKeys = new ArrayList<>(
                MetricsPayload.from(FakeMetricsSampler.builder().build().sample()).fields().keySet());
        for (String line : lines) {
            Map<String, Object> fields = parse(line);
            assertEquals(payloadKeys, new ArrayList<>(fields.keySet()), line);
            // Decimals stay decimals (10.0, not 10), so a rule engine never sees a type change.
            assertInstanceOf(Double.class, fields.get(MetricsPayload.CPU_USAGE), line);
            assertInstanceOf(Double.class, fields.get(MetricsPayload.CPU_TEMP), line);
            assertInstanceOf(Number.class, fields.get(MetricsPayload.RAM_TOTAL), line);
            assertFalse(fields.get(MetricsPayload.TIMESTAMP) instanceof Double, line);
        }
    }

    @Test
    void fakeDevicesDifferFromEachOtherButRepeatThemselves() throws Exception {
        List<Map<String, Object>> one = withoutTimestamps(fake("my_iot_device_1"));
        List<Map<String, Object>> again = withoutTimestamps(fake("my_iot_device_1"));
        List<Map<String, Object>> two = withoutTimestamps(fake("my_iot_device_2"));
        assertEquals(one, again);
        assertNotEquals(one, two);
    }

    static Stream<Arguments> badArguments() {
        String tooLong = "a".repeat(129);
        return Stream.of(
                bad("INTERVAL must be a number of seconds > 0, got '0'", "0", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got '-1'", "-1", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got '-0.5'", "-0.5", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got 'ten'", "ten", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got '10s'", "10s", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got 'NaN'", "NaN", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got 'Infinity'", "Infinity", "my_iot_device_1"),
                bad("INTERVAL must be a number of seconds > 0, got ''", "", "my_iot_device_1"),
                bad("INTERVAL must be at least 0.001 seconds, got '0.0001'", "0.0001", "my_iot_device_1"),
                bad("INTERVAL must be at most 86400 seconds (one day), got '86401'", "86401", "my_iot_device_1"),
                bad("DEVICE_ID " + THING_NAME_RULE + ", got 'my iot device'", "10", "my iot device"),
                bad("DEVICE_ID " + THING_NAME_RULE + ", got 'my/device'", "10", "my/device"),
                bad("DEVICE_ID " + THING_NAME_RULE + ", got ''", "10", ""),
                bad("DEVICE_ID " + THING_NAME_RULE + ", got '" + "a".repeat(40) + "...' (129 characters)",
                        "10", tooLong),
                bad("--sampler must be one of sysfs, oshi, fake, got 'psutil'",
                        "--sampler", "psutil", "10", "my_iot_device_1"),
                bad("--count must be a whole number >= 1, got '0'", "--count", "0", "10", "my_iot_device_1"),
                bad("--count must be a whole number >= 1, got '-2'", "--count=-2", "10", "my_iot_device_1"),
                bad("--count must be a whole number >= 1, got '1.5'", "--count", "1.5", "10", "my_iot_device_1"),
                bad("--fs-root works only with --sampler sysfs, not with --sampler fake",
                        "--sampler", "fake", "--fs-root", "/", "10", "my_iot_device_1"),
                bad("--fs-root works only with --sampler sysfs, not with --sampler oshi",
                        "--fs-root", "/", "--sampler", "oshi", "10", "my_iot_device_1"),
                bad("Missing required parameters: 'INTERVAL', 'DEVICE_ID'"),
                bad("Missing required parameter: 'DEVICE_ID'", "10"),
                bad("Unknown option: '--interval'", "--interval", "10", "my_iot_device_1"));
    }

    private static Arguments bad(String message, String... args) {
        return Arguments.of(message, args);
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("badArguments")
    void badArgumentIsOneLineThenUsageAndExit2(String message, String[] args) {
        String[] command = Stream.concat(Stream.of("print"), Stream.of(args)).toArray(String[]::new);
        CliRun r = CliRun.run(command);

        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon print: " + message, r.errLines().get(0), r::toString);
        List<String> err = r.errLines();
        assertTrue(err.get(1).startsWith("Usage: sysmon print "), r::toString);
        assertEquals("Try 'sysmon print --help' for more information.", err.get(err.size() - 1), r::toString);
        r.assertNoStackTrace();
        assertEquals("", r.out);
    }

    @Test
    void fsRootWithoutProcIsOneLineNamingThePathAndExit1(@TempDir Path empty) {
        CliRun r = CliRun.run("print", "--fs-root", empty.toString(), "--count", "1", "1", "my_iot_device_1");

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err.startsWith("sysmon print: --fs-root " + empty + ": "), r::toString);
        r.assertNoStackTrace();
        assertFalse(r.err.contains("--verbose"), r::toString);
        assertEquals("", r.out);
    }

    @Test
    void fsRootThatDoesNotExistIsOneLineNamingThePathAndExit1() {
        CliRun r = CliRun.run("print", "--sampler", "sysfs", "--fs-root", "/nope", "1", "my_iot_device_1");

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err.startsWith("sysmon print: --fs-root /nope: "), r::toString);
    }

    private static List<String> fake(String deviceId) {
        CliRun r = CliRun.run("print", "--sampler", "fake", "--count", "5", "0.001", deviceId);
        assertEquals(0, r.exitCode, r::toString);
        return r.outLines();
    }

    private static List<Map<String, Object>> withoutTimestamps(List<String> lines) throws Exception {
        List<Map<String, Object>> result = new ArrayList<>();
        for (String line : lines) {
            Map<String, Object> fields = parse(line);
            fields.remove(MetricsPayload.TIMESTAMP);
            result.add(fields);
        }
        return result;
    }

    private static Map<String, Object> parse(String line) throws Exception {
        return JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
