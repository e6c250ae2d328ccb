package io.sysmon.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSnapshot;
import io.sysmon.SysfsMetricsSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exact readings of {@link SysfsMetricsSampler} on each fixture tree; see each tree's README for its layout. */
class SysfsTreesTest {

    private static final double EPSILON = 1e-9;
    private static final long KIB = 1024;
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

    @TempDir
    Path dir;

    private SysfsMetricsSampler sampler(String tree) {
        return new SysfsMetricsSampler(TreeFixture.copy(tree, dir), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void rpi4() {
        SysfsMetricsSampler sampler = sampler("rpi4");
        MetricsSnapshot s = sampler.sample();

        assertEquals(NOW, s.timestamp());
        // hwmon cpu_thermal and zone cpu-thermal are one sensor; the hwmon ranks first.
        assertEquals(45.277, s.cpuTemperatureCelsius().getAsDouble(), EPSILON);
        // One policy for the four cores: 600000 kHz.
        assertEquals(600.0, s.cpuFrequencyMhz().getAsDouble(), EPSILON);
        assertEquals(3884104 * KIB, s.ramTotalBytes().getAsLong());
        assertEquals((3884104 - 3374560) * KIB, s.ramUsedBytes().getAsLong());
        assertEquals(List.of(), s.fanSpeedsRpm());
        assertTrue(s.cpuUsagePercent().isPresent());
        assertEquals("temperature: hwmon cpu_thermal temp1; frequency: 1 cpufreq file for 4 CPUs; fans: 0",
                sampler.sensorSummary());
        assertFalse(MetricsPayload.from(s).fields().containsKey(MetricsPayload.FAN_SPEED));
    }

    @Test
    void rpi4WithoutTheThermalHwmonUsesTheCpuThermalZone() throws IOException {
        Path root = TreeFixture.copy("rpi4", dir);
        Files.delete(root.resolve("sys/class/hwmon/hwmon0"));
        Files.writeString(root.resolve("sys/devices/virtual/thermal/thermal_zone0/temp"), "51120\n");

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        assertEquals(51.12, sampler.sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
        assertTrue(sampler.sensorSummary().startsWith("temperature: thermal zone 0 'cpu-thermal';"),
                sampler.sensorSummary());
    }

    @Test
    void intelDesktop() {
        SysfsMetricsSampler sampler = sampler("intel-desktop");
        MetricsSnapshot s = sampler.sample();

        // coretemp "Package id 0"; never acpitz (27.8, hwmon0 and zone0), nvme (35.85), pch (49) or nct CPUTIN (40.5).
        assertEquals(42.0, s.cpuTemperatureCelsius().getAsDouble(), EPSILON);
        double meanKhz = (800024 + 3600000 + 4300000 + 800000 + 1200000 + 2400000 + 4000000 + 3000000) / 8.0;
        assertEquals(meanKhz / 1000, s.cpuFrequencyMhz().getAsDouble(), EPSILON);
        assertEquals(16303516 * KIB, s.ramTotalBytes().getAsLong());
        assertEquals((16303516 - 12187492) * KIB, s.ramUsedBytes().getAsLong());
        // nct6798 fan1..fan3 in order; the stopped fan is a real 0.
        assertEquals(List.of(1102, 0, 765), s.fanSpeedsRpm());
        assertEquals(1102, s.fastestFanRpm().getAsInt());
        assertEquals("temperature: hwmon coretemp 'Package id 0'; frequency: 8 cpufreq files for 8 CPUs; fans: 3",
                sampler.sensorSummary());
    }

    @Test
    void intelWithoutPackageSensorUsesTheHottestCore() throws IOException {
        Path root = TreeFixture.copy("intel-desktop", dir);
        Files.delete(root.resolve("sys/devices/platform/coretemp.0/hwmon/hwmon3/temp1_label"));

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        // Cores read 38, 41, 39 and 40 °C.
        assertEquals(41.0, sampler.sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
        assertTrue(sampler.sensorSummary().startsWith("temperature: hwmon coretemp hottest of 4 'Core N';"),
                sampler.sensorSummary());
    }

    @Test
    void intelWithoutCoretempUsesThePackageZoneNotAcpitz() throws IOException {
        Path root = TreeFixture.copy("intel-desktop", dir);
        Files.delete(root.resolve("sys/class/hwmon/hwmon3"));
        Files.writeString(root.resolve("sys/devices/virtual/thermal/thermal_zone1/temp"), "43000\n");

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        assertEquals(43.0, sampler.sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
        assertTrue(sampler.sensorSummary().startsWith("temperature: thermal zone 1 'x86_pkg_temp';"),
                sampler.sensorSummary());
    }

    @Test
    void withNoCpuSensorAtAllThermalZone0IsTheFallback() throws IOException {
        Path root = TreeFixture.copy("intel-desktop", dir);
        Files.delete(root.resolve("sys/class/hwmon/hwmon3"));
        Files.delete(root.resolve("sys/class/thermal/thermal_zone1"));

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        assertEquals(27.8, sampler.sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
        assertTrue(sampler.sensorSummary().startsWith(
                "temperature: thermal zone 0 'acpitz' (no CPU sensor found);"), sampler.sensorSummary());
    }

    @Test
    void amdRyzen() {
        SysfsMetricsSampler sampler = sampler("amd-ryzen");
        MetricsSnapshot s = sampler.sample();

        // k10temp Tctl, although nvme (38.85) is hwmon0 and Tccd1 (45.5) exists.
        assertEquals(48.25, s.cpuTemperatureCelsius().getAsDouble(), EPSILON);
        // No cpufreq: /proc/cpuinfo, eight CPUs at 2200, four at 3800, four at 4650 MHz.
        assertEquals((8 * 2200.0 + 4 * 3800.0 + 4 * 4650.0) / 16, s.cpuFrequencyMhz().getAsDouble(), EPSILON);
        assertEquals(32791548 * KIB, s.ramTotalBytes().getAsLong());
        // No MemAvailable: used = MemTotal - (MemFree + Buffers + Cached).
        assertEquals((32791548 - (20114732 + 402316 + 6893140)) * KIB, s.ramUsedBytes().getAsLong());
        // The GPU's fan, stopped in zero-rpm mode.
        assertEquals(List.of(0), s.fanSpeedsRpm());
        assertEquals("temperature: hwmon k10temp 'Tctl'; frequency: /proc/cpuinfo 'cpu MHz'; fans: 1",
                sampler.sensorSummary());
    }

    @Test
    void amdWithTdieAndTctlPrefersTdie() throws IOException {
        Path root = TreeFixture.copy("amd-ryzen", dir);
        // Zen 1 Threadripper style: Tctl = Tdie + 27 °C offset; Tdie is the true die temperature.
        Path k10 = root.resolve("sys/devices/pci0000:00/0000:00:18.3/hwmon/hwmon1");
        Files.writeString(k10.resolve("temp2_input"), "21250\n");
        Files.writeString(k10.resolve("temp2_label"), "Tdie\n");

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        assertEquals(21.25, sampler.sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
        assertTrue(sampler.sensorSummary().startsWith("temperature: hwmon k10temp 'Tdie';"), sampler.sensorSummary());
    }

    @Test
    void amdWithUnlabelledK10tempUsesTemp1() throws IOException {
        Path root = TreeFixture.copy("amd-ryzen", dir);
        // Kernels before 4.15 wrote no labels.
        Path k10 = root.resolve("sys/devices/pci0000:00/0000:00:18.3/hwmon/hwmon1");
        Files.delete(k10.resolve("temp1_label"));
        Files.delete(k10.resolve("temp3_label"));

        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        assertEquals(48.25, sampler.sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
        assertTrue(sampler.sensorSummary().startsWith("temperature: hwmon k10temp temp1;"), sampler.sensorSummary());
    }

    @Test
    void vmWithoutSensors() {
        SysfsMetricsSampler sampler = sampler("vm-nosensors");
        MetricsSnapshot s = sampler.sample();

        assertTrue(s.cpuTemperatureCelsius().isEmpty());
        assertEquals(List.of(), s.fanSpeedsRpm());
        assertEquals(2299.998, s.cpuFrequencyMhz().getAsDouble(), EPSILON);
        assertEquals(4020160 * KIB, s.ramTotalBytes().getAsLong());
        assertEquals((4020160 - 3452116) * KIB, s.ramUsedBytes().getAsLong());
        assertEquals("temperature: none; frequency: /proc/cpuinfo 'cpu MHz'; fans: 0", sampler.sensorSummary());

        Map<String, Number> payload = MetricsPayload.from(s).fields();
        assertFalse(payload.containsKey(MetricsPayload.CPU_TEMP));
        assertFalse(payload.containsKey(MetricsPayload.FAN_SPEED));
        assertTrue(payload.containsKey(MetricsPayload.CPU_FREQ));
    }

    @Test
    void rootIsReportedAbsoluteAndNormalized() {
        Path root = TreeFixture.copy("vm-nosensors", dir);
        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root.resolve("proc/.."));
        assertEquals(root.toAbsolutePath().normalize(), sampler.root());
    }

    @Test
    void sensorsAreDiscoveredOnceAtConstruction() throws IOException {
        Path root = TreeFixture.copy("vm-nosensors", dir);
        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);
        // A hwmon that appears after construction is not picked up.
        Path hwmon = root.resolve("sys/class/hwmon/hwmon0");
        Files.createDirectories(hwmon);
        Files.writeString(hwmon.resolve("name"), "k10temp\n");
        Files.writeString(hwmon.resolve("temp1_input"), "50000\n");

        assertTrue(sampler.sample().cpuTemperatureCelsius().isEmpty());
        assertEquals(50.0, new SysfsMetricsSampler(root).sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
    }

    @Test
    void oldKernelsKeepHwmonAttributesInTheDeviceDirectory() throws IOException {
        Path root = TreeFixture.copy("vm-nosensors", dir);
        // Before 3.x many drivers put name and tempN_input under hwmonN/device/.
        Path device = root.resolve("sys/devices/pci0000:00/0000:00:18.3");
        Files.createDirectories(device.resolve("hwmon/hwmon0"));
        Files.writeString(device.resolve("name"), "k10temp\n");
        Files.writeString(device.resolve("temp1_input"), "39125\n");
        Files.createDirectories(root.resolve("sys/class/hwmon"));
        Files.createSymbolicLink(root.resolve("sys/class/hwmon/hwmon0"),
                Path.of("../../devices/pci0000:00/0000:00:18.3/hwmon/hwmon0"));
        Files.createSymbolicLink(device.resolve("hwmon/hwmon0/device"), Path.of("../../../0000:00:18.3"));

        assertEquals(39.125, new SysfsMetricsSampler(root).sample().cpuTemperatureCelsius().getAsDouble(), EPSILON);
    }
}
