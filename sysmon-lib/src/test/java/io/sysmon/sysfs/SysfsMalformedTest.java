package io.sysmon.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.MetricsSnapshot;
import io.sysmon.SysfsMetricsSampler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken sensor files leave their fields out, never throw, and are logged once each through SLF4J, under the
 * public class's logger {@code io.sysmon.SysfsMetricsSampler}, however many samples are taken. slf4j-simple (the
 * test binding) writes to whatever {@code System.err} is at the time, with the logger's name, so the log is
 * captured by swapping it. {@code SysfsSamplingTest} checks the same tree with a recording sink instead.
 */
class SysfsMalformedTest {

    private static final int SAMPLES = 20;

    @TempDir
    Path dir;

    @Test
    void brokenSensorsAreAbsentAndWarnedOnceEach() {
        Path root = TreeFixture.copy("malformed", dir);
        List<String> warnings;
        MetricsSnapshot last = null;
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);
            for (int i = 0; i < SAMPLES; i++) {
                last = sampler.sample();
            }
        } finally {
            System.setErr(original);
            warnings = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" WARN ")).toList();
        }

        // Package id 0 is empty: no temperature, and no silent switch to another sensor.
        assertTrue(last.cpuTemperatureCelsius().isEmpty());
        // Every cpufreq file is junk.
        assertTrue(last.cpuFrequencyMhz().isEmpty());
        // meminfo is truncated after MemFree.
        assertEquals(8038856L * 1024, last.ramTotalBytes().getAsLong());
        assertTrue(last.ramUsedBytes().isEmpty());
        // fan3 is the only good fan.
        assertEquals(List.of(1200), last.fanSpeedsRpm());
        assertTrue(last.cpuUsagePercent().isPresent());

        List<String> broken = List.of(
                "/sys/class/hwmon/hwmon0:",
                "/sys/class/hwmon/hwmon1/temp1_input:",
                "/policy0/scaling_cur_freq:",
                "/policy1/scaling_cur_freq:",
                "/policy2/scaling_cur_freq:",
                "/policy3/scaling_cur_freq:",
                "/sys/class/hwmon/hwmon2/fan1_input:",
                "/sys/class/hwmon/hwmon2/fan2_input:",
                "/sys/class/hwmon/hwmon2/fan4_input:",
                "/sys/class/hwmon/hwmon2/fan5_input:",
                "/sys/class/hwmon/hwmon2/fan6_input:",
                "/proc/meminfo:");
        for (String file : broken) {
            assertEquals(1, warnings.stream().filter(w -> w.contains(file)).count(),
                    "warnings naming " + file + " in " + warnings);
        }
        assertEquals(broken.size(), warnings.size(), "one warning per broken file: " + warnings);
        for (String warning : warnings) {
            // slf4j-simple's line: "[thread] LEVEL logger - message"; users tune the level under this name.
            assertTrue(warning.contains(" WARN io.sysmon.SysfsMetricsSampler - "), warning);
        }
    }

    @Test
    void aZoneReadingZeroIsABrokenSensor() throws IOException {
        Path root = TreeFixture.copy("malformed", dir);
        // Without coretemp, x86_pkg_temp (which reads 0) is the CPU sensor; acpitz must not stand in for it.
        Files.delete(root.resolve("sys/class/hwmon/hwmon1"));

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        assertTrue(sampler.sensorSummary().startsWith("temperature: thermal zone 0 'x86_pkg_temp';"),
                sampler.sensorSummary());
        for (int i = 0; i < SAMPLES; i++) {
            assertTrue(sampler.sample().cpuTemperatureCelsius().isEmpty());
        }
    }
}
