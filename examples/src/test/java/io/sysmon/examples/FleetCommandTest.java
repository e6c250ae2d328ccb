package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.examples.cli.ThingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code sysmon fleet} in-process against the real local endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetCommandTest {

    private static final Pattern SUMMARY = Pattern.compile("fleet: (\\d+) things, (\\d+) connected; (\\d+) updates in "
            + "\\S+ s \\(\\S+/s\\): (\\d+) accepted \\((\\S+) %\\), 0 rejected, 0 failed, 0 unanswered; update to "
            + "accepted p50 \\S+ ms, p90 \\S+ ms, p99 \\S+ ms, max \\S+ ms; RSS \\d+ MiB \\(peak \\d+ MiB\\), \\S+ MiB "
            + "per thing.*");

    @TempDir
    static Path dir;

    private TestEndpoint local;

    @BeforeAll
    void startEndpoint() {
        local = new TestEndpoint(dir, ThingOptions.numbered(5).toArray(new String[0]));
        local.endpoint.issueDevice("thing_a");
        local.endpoint.issueDevice("thing_b");
    }

    @AfterAll
    void stopEndpoint() {
        local.close();
    }

    @Test
    void fiveDevicesForThreeSecondsAreAllAccepted() {
        CliRun r = CliRun.run(local.command("fleet", "--devices", "5", "--interval", "0.2", "--duration", "3",
                "--status-every", "1"));

        assertEquals(0, r.exitCode, r::toString);
        assertEquals(1, r.outLines().size(), r::toString);
        Matcher m = SUMMARY.matcher(r.outLines().get(0));
        assertTrue(m.matches(), r::toString);
        assertEquals("5", m.group(1));
        assertEquals("5", m.group(2));
        long sent = Long.parseLong(m.group(3));
        assertTrue(sent >= 5 * 10 && sent <= 5 * 16, r::toString); // 15 turns each in 3 s, give or take
        assertEquals(m.group(3), m.group(4));
        assertEquals("100.000", m.group(5));
        assertTrue(r.errLines().stream().anyMatch(l -> l.matches("connected 5/5, \\S+ updates/s, accepted \\d+, "
                + "rejected 0, failed 0, queued \\d+, p99 \\S+ ms")), r::toString);
        for (int i = 1; i <= 5; i++) {
            assertTrue(local.shadow("my_iot_device_" + i).path("state").path("reported").has("cpu_usage"));
        }
    }

    @Test
    void countStopsEachThingAfterNUpdates() {
        CliRun r = CliRun.run(local.command("fleet", "--things", "thing_a,thing_b", "--sampler", "fake",
                "--interval", "0.05", "--count", "4"));

        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.startsWith("fleet: 2 things, 2 connected; 8 updates in "), r::toString);
        assertTrue(r.out.contains(": 8 accepted (100.000 %)"), r::toString);
    }

    @Test
    void wrongCredentialFilesStopTheFleetWithOneLinePerProblem(@TempDir Path empty) {
        CliRun r = CliRun.run("fleet", "--endpoint", "localhost", "--port", Integer.toString(local.endpoint.port()),
                "--certs-dir", empty.toString(), "--devices", "3", "--duration", "1");

        assertEquals(1, r.exitCode, r::toString);
        List<String> err = r.errLines();
        assertEquals(3, err.size(), r::toString);
        assertTrue(err.stream().allMatch(l -> l.startsWith("sysmon fleet: ")), r::toString);
        assertTrue(err.get(0).contains("-certificate.pem.crt"), r::toString);
        r.assertNoStackTrace();
    }

    @Test
    void thingsAndDevicesExcludeEachOther() {
        CliRun r = CliRun.run(local.command("fleet", "--things", "a", "--devices", "2"));
        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon fleet: --things and --devices exclude each other; give one", r.errLines().get(0));
    }

    @Test
    void aThingNamedTwiceIsAUsageError() {
        CliRun r = CliRun.run(local.command("fleet", "--things", "a,b,a"));
        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon fleet: --things names a twice", r.errLines().get(0));
    }

    @Test
    void badValuesNameTheOption() {
        CliRun r = CliRun.run(local.command("fleet", "--devices", "0"));
        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon fleet: --devices must be a whole number from 1 to 10000, got '0'", r.errLines().get(0));

        r = CliRun.run(local.command("fleet", "--things", "ok,not ok"));
        assertEquals(2, r.exitCode, r::toString);
        assertTrue(r.errLines().get(0).startsWith("sysmon fleet: --things must be an AWS IoT thing name"), r::toString);
    }
}
