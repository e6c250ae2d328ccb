package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.MetricsPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the shaded {@code target/sysmon.jar} as a real process. */
class SysmonJarIT {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printWithCountPrintsThatManyJsonLinesAndLogsOnlyOnStderr() throws Exception {
        try (JarProcess p = JarProcess.start("print", "--sampler", "sysfs", "--count", "2", "0.2",
                "my_iot_device_1")) {
            assertEquals(0, p.waitForExit(EXIT), () -> String.join("\n", p.errLines()));
            List<String> out = p.outLines();
            List<String> err = p.errLines();

            assertEquals(2, out.size(), () -> out + "\n" + err);
            for (String line : out) {
                Map<String, Object> fields = parse(line);
                List<String> keys = new ArrayList<>(fields.keySet());
                List<String> expectedOrder = new ArrayList<>(MetricsPayload.FIELD_NAMES);
                expectedOrder.retainAll(keys);
                assertEquals(expectedOrder, keys, line);
                assertTrue(fields.containsKey(MetricsPayload.RAM_TOTAL), line);
                assertTrue(fields.containsKey(MetricsPayload.TIMESTAMP), line);
            }
            assertTrue(err.stream().anyMatch(l -> l.contains("sampling my_iot_device_1 every 0.2 s with the sysfs sampler")),
                    err::toString);
            assertTrue(err.stream().noneMatch(l -> l.startsWith("{")), err::toString);
        }
    }

    @Test
    void helpExits0() throws Exception {
        try (JarProcess p = JarProcess.start("--help")) {
            assertEquals(0, p.waitForExit(EXIT));
            assertTrue(p.outLines().stream().anyMatch(l -> l.trim().startsWith("print ")));
        }
    }

    @Test
    void noCommandListsTheCommandsAndExits2() throws Exception {
        try (JarProcess p = JarProcess.start()) {
            assertEquals(2, p.waitForExit(EXIT));
            List<String> err = p.errLines();
            assertEquals("sysmon: missing COMMAND; choose one of the commands below", err.get(0));
            assertTrue(err.stream().anyMatch(l -> l.trim().startsWith("print ")), err::toString);
        }
    }

    @Test
    void badIntervalIsOneLineAndExit2() throws Exception {
        try (JarProcess p = JarProcess.start("print", "--sampler", "fake", "0", "my_iot_device_1")) {
            assertEquals(2, p.waitForExit(EXIT));
            List<String> err = p.errLines();
            assertEquals("sysmon print: INTERVAL must be a number of seconds > 0, got '0'", err.get(0));
            JarProcess.assertNoStackTrace(err);
            assertEquals(List.of(), p.outLines());
        }
    }

    @Test
    void badFsRootNamesThePathAndFails() throws Exception {
        try (JarProcess p = JarProcess.start("print", "--fs-root", "/nope", "1", "my_iot_device_1")) {
            int exit = p.waitForExit(EXIT);
            List<String> err = p.errLines();
            assertEquals(1, exit, err::toString);
            assertEquals(1, err.size(), err::toString);
            assertTrue(err.get(0).startsWith("sysmon print: --fs-root /nope: "), err::toString);
            JarProcess.assertNoStackTrace(err);
        }
    }

    @Test
    void sigtermStopsCleanlyWithExit0() throws Exception {
        try (JarProcess p = JarProcess.start("print", "--sampler", "fake", "0.2", "my_iot_device_1")) {
            parse(p.nextOutLine(EXIT));

            p.sigterm();

            assertEquals(0, p.waitForExit(EXIT), () -> String.join("\n", p.errLines()));
            for (String line : p.outLines()) {
                parse(line); // every line written was written whole: stdout was flushed, not cut off
            }
            List<String> err = p.errLines();
            assertTrue(err.stream().anyMatch(l -> l.contains("SIGTERM received")), err::toString);
            JarProcess.assertNoStackTrace(err);
        }
    }

    @Test
    void sigintStopsCleanlyWithExit0() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs /bin/kill to send SIGINT");
        try (JarProcess p = JarProcess.start("print", "--sampler", "fake", "0.2", "my_iot_device_1")) {
            parse(p.nextOutLine(EXIT));

            Process kill = new ProcessBuilder("/bin/kill", "-INT", Long.toString(p.process().pid())).start();
            assertTrue(kill.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS) && kill.exitValue() == 0, "kill -INT");

            assertEquals(0, p.waitForExit(EXIT), () -> String.join("\n", p.errLines()));
            List<String> err = p.errLines();
            assertTrue(err.stream().anyMatch(l -> l.contains("SIGINT received")), err::toString);
            JarProcess.assertNoStackTrace(err);
        }
    }

    @Test
    void closedStdoutStopsTheCommandWithExit0() throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs bash for PIPESTATUS");
        List<String> java = JarProcess.javaJar();
        java.addAll(List.of("print", "--sampler", "fake", "0.05", "my_iot_device_1"));
        String pipeline = java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")) + " | head -2; exit ${PIPESTATUS[0]}";

        try (JarProcess p = JarProcess.startCommand(List.of(bash.toString(), "-c", pipeline))) {
            // Without a check on stdout the command would print into the void forever and this would time out.
            assertEquals(0, p.waitForExit(EXIT), () -> String.join("\n", p.errLines()));
            assertEquals(2, p.outLines().size());
            List<String> err = p.errLines();
            assertTrue(err.stream().anyMatch(l -> l.contains("stdout is closed; stopping")), err::toString);
        }
    }

    private static Map<String, Object> parse(String line) throws Exception {
        return JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
