package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sysmon.MetricsPayload;
import io.sysmon.examples.cli.Cli;
import io.sysmon.shadow.local.LocalCertificateAuthority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sysmon shadow} in-process against the real local endpoint: real TLS, real MQTT 5. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShadowCommandTest {

    private static final Pattern ACCEPTED = Pattern.compile("(\\S+) accepted version (\\d+)");

    @TempDir
    static Path dir;

    private TestEndpoint local;

    @BeforeAll
    void startEndpoint() {
        local = new TestEndpoint(dir, "my_iot_device_1", "pending_device", "stubborn_device", "env_device");
    }

    @AfterAll
    void stopEndpoint() {
        local.close();
    }

    @Test
    void countUpdatesAreAcceptedWithIncreasingVersionsAndTheShadowHoldsThePayloadAndInterval() {
        CliRun r = CliRun.run(local.command("shadow", "--sampler", "fake", "--count", "3", "0.2", "my_iot_device_1"));

        assertEquals(0, r.exitCode, r::toString);
        List<Long> versions = versions(r, "my_iot_device_1");
        assertEquals(3, versions.size(), r::toString);
        assertEquals(3, r.outLines().size(), r::toString);
        assertTrue(versions.get(0) < versions.get(1) && versions.get(1) < versions.get(2), r::toString);

        JsonNode reported = local.shadow("my_iot_device_1").path("state").path("reported");
        for (String field : MetricsPayload.FIELD_NAMES) {
            assertTrue(reported.has(field), () -> field + " missing from " + reported);
        }
        assertEquals(0.2, reported.path("interval").asDouble(), reported::toString);
        assertEquals(versions.get(2), local.shadow("my_iot_device_1").path("version").asLong());
    }

    @Test
    void aDesiredIntervalSetWhileTheDeviceWasAwayAppliesAtStartUp() {
        local.desire("pending_device", "interval", "0.05");
        long start = System.nanoTime();

        // At 30 s, three samples would take a minute; the pending 0.05 s makes it a fraction of a second.
        CliRun r = CliRun.run(local.command("shadow", "--sampler", "fake", "--count", "3", "30", "pending_device"));

        assertEquals(0, r.exitCode, r::toString);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "the pending interval was ignored");
        JsonNode shadow = local.shadow("pending_device");
        assertEquals(0.05, shadow.path("state").path("reported").path("interval").asDouble(), shadow::toString);
        // The delta is over: what the device reports is what the shadow desires.
        assertEquals(shadow.path("state").path("desired").path("interval"),
                shadow.path("state").path("reported").path("interval"), shadow::toString);
    }

    @Test
    void anInvalidDesiredIntervalIsIgnoredAndNotReportedBack() {
        local.desire("stubborn_device", "interval", "\"fast\"");

        CliRun r = CliRun.run(local.command("shadow", "--sampler", "fake", "--count", "2", "0.1", "stubborn_device"));

        assertEquals(0, r.exitCode, r::toString);
        JsonNode state = local.shadow("stubborn_device").path("state");
        assertEquals(0.1, state.path("reported").path("interval").asDouble(), state::toString);
        assertEquals("fast", state.path("desired").path("interval").asText(), state::toString);
    }

    @Test
    void theTutorialsEnvironmentVariablesAreTheDefaults() {
        Map<String, String> env = Map.of("AWS_IOT_HOST", "localhost", "CERTS_DIR", local.certs.toString());
        CliRun r = CliRun.run(Cli.commandLine(new SysmonCommand(), env), "shadow", "--port",
                Integer.toString(local.endpoint.port()), "--ca-file", local.endpoint.caFile().toString(),
                "--sampler", "fake", "--count", "1", "1", "env_device");

        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, versions(r, "env_device").size(), r::toString);
    }

    @Test
    void withoutAnEndpointItSaysToSetAwsIotHostOrPassEndpoint() {
        CliRun r = CliRun.run(Cli.commandLine(new SysmonCommand(), Map.of()), "shadow", "1", "my_iot_device_1");

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(List.of("sysmon shadow: no endpoint: set AWS_IOT_HOST to your AWS IoT device data endpoint "
                + "(AWS IoT console > Settings), or pass --endpoint HOST"), r.errLines());
        assertEquals("", r.out);
    }

    @Test
    void missingCredentialFilesAreOneLineEachNamingTheFile(@TempDir Path empty) {
        CliRun r = CliRun.run("shadow", "--endpoint", "localhost", "--port", Integer.toString(local.endpoint.port()),
                "--certs-dir", empty.toString(), "--count", "1", "1", "my_iot_device_1");

        assertEquals(1, r.exitCode, r::toString);
        List<String> err = r.errLines();
        assertEquals(3, err.size(), r::toString);
        for (String line : err) {
            assertTrue(line.startsWith("sysmon shadow: "), r::toString);
        }
        assertTrue(err.get(0).contains(empty.resolve("my_iot_device_1-certificate.pem.crt").toString()), r::toString);
        assertTrue(err.get(1).contains(empty.resolve("my_iot_device_1-private.pem.key").toString()), r::toString);
        assertTrue(err.get(2).contains(empty.resolve("AmazonRootCA1.pem").toString()), r::toString);
        r.assertNoStackTrace();
    }

    @Test
    void aCaThatDoesNotSignTheEndpointIsOneLineAboutTlsTrust(@TempDir Path other) {
        Path wrongCa = LocalCertificateAuthority.createOrLoad(other).caFile();
        List<String> args = new ArrayList<>(List.of(local.command("shadow", "--count", "1", "1", "my_iot_device_1")));
        args.set(args.indexOf("--ca-file") + 1, wrongCa.toString());

        CliRun r = CliRun.run(args.toArray(new String[0]));

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("sysmon shadow: ") && line.contains("TLS") && line.contains("trust"), line);
        r.assertNoStackTrace();
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of("--port must be a port number from 1 to 65535, got '0'", List.of("--port", "0")),
                Arguments.of("--port must be a port number from 1 to 65535, got 'mqtt'", List.of("--port", "mqtt")),
                Arguments.of("--connect-timeout must be a number of seconds from 1 to 300, got '0.5'",
                        List.of("--connect-timeout", "0.5")),
                Arguments.of("--endpoint must be a bare host name such as abc123-ats.iot.us-east-1.amazonaws.com "
                        + "(no scheme, no port), got 'mqtts://x.example'", List.of("--endpoint", "mqtts://x.example")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badArguments")
    void badConnectionArgumentsAreOneLineThenUsageAndExit2(String message, List<String> args,
            @TempDir Path certs) {
        List<String> command = new ArrayList<>(List.of("shadow", "--certs-dir", certs.toString()));
        command.addAll(args);
        command.addAll(List.of("1", "my_iot_device_1"));
        CliRun r = CliRun.run(Cli.commandLine(new SysmonCommand(), Map.of("AWS_IOT_HOST", "localhost")),
                command.toArray(new String[0]));

        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon shadow: " + message, r.errLines().get(0), r::toString);
        assertTrue(r.errLines().get(1).startsWith("Usage: sysmon shadow "), r::toString);
        r.assertNoStackTrace();
    }

    @Test
    void aBadAwsIotHostIsOneLineNamingTheVariable() {
        CliRun r = CliRun.run(Cli.commandLine(new SysmonCommand(), Map.of("AWS_IOT_HOST", "https://x.example")),
                "shadow", "1", "my_iot_device_1");

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err.startsWith("sysmon shadow: AWS_IOT_HOST must be a bare host name"), r::toString);
    }

    private static List<Long> versions(CliRun r, String thing) {
        List<Long> versions = new ArrayList<>();
        for (String line : r.outLines()) {
            Matcher m = ACCEPTED.matcher(line);
            assertTrue(m.matches(), () -> "unexpected line '" + line + "' in\n" + r);
            assertEquals(thing, m.group(1));
            versions.add(Long.parseLong(m.group(2)));
        }
        return versions;
    }
}
