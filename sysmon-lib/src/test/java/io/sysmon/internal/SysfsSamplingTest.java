package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.MetricsSnapshot;
import io.sysmon.sysfs.TreeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on fixture trees, with the warning sink recorded instead of logged. */
class SysfsSamplingTest {

    @TempDir
    Path dir;

    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    private SysfsSampling sampling(String tree) {
        return new SysfsSampling(TreeFixture.copy(tree, dir), Clock.systemUTC(), new WarnOnce(warnings::add));
    }

    private static List<String> relative(SysfsSampling sampling) throws IOException {
        Path realRoot = sampling.root().toRealPath();
        List<String> names = new ArrayList<>();
        for (FileRead file : sampling.filesReadPerSample()) {
            Path path = file.path().startsWith(sampling.root()) ? sampling.root().relativize(file.path())
                    : realRoot.relativize(file.path());
            names.add(path.toString());
        }
        return names;
    }

    @Test
    void intelReadsFourteenFilesAndNotCpuinfo() throws IOException {
        SysfsSampling sampling = sampling("intel-desktop");
        List<String> expected = new ArrayList<>(List.of("proc/stat", "proc/meminfo"));
        for (int cpu = 0; cpu < 8; cpu++) {
            expected.add("sys/devices/system/cpu/cpufreq/policy" + cpu + "/scaling_cur_freq");
        }
        expected.add("sys/class/hwmon/hwmon3/temp1_input");
        for (int fan = 1; fan <= 3; fan++) {
            expected.add("sys/class/hwmon/hwmon4/fan" + fan + "_input");
        }
        assertEquals(expected, relative(sampling));
    }

    @Test
    void sharedCpufreqPolicyIsReadOnce() throws IOException {
        assertEquals(List.of("proc/stat", "proc/meminfo", "sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq",
                "sys/class/hwmon/hwmon0/temp1_input"), relative(sampling("rpi4")));
    }

    @Test
    void cpuinfoIsReadOnlyWhenItIsTheFrequencySource() throws IOException {
        assertEquals(List.of("proc/stat", "proc/meminfo", "proc/cpuinfo"), relative(sampling("vm-nosensors")));
    }

    @Test
    void everyBrokenFileIsReportedExactlyOnceAcrossManySamples() {
        SysfsSampling sampling = sampling("malformed");
        assertEquals(1, warnings.size(), "the dangling hwmon0 is reported at construction: " + warnings);
        MetricsSnapshot last = null;
        for (int i = 0; i < 50; i++) {
            last = sampling.sample();
        }
        // hwmon0, Package id 0, four cpufreq files, five fans, meminfo.
        assertEquals(12, warnings.size(), String.join("\n", warnings));
        assertEquals(List.of(1200), last.fanSpeedsRpm());
        assertTrue(last.cpuTemperatureCelsius().isEmpty());
        assertTrue(last.cpuFrequencyMhz().isEmpty());
        assertTrue(last.ramUsedBytes().isEmpty());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("fan2_input: 'NaN' is not a plausible fan speed")),
                String.join("\n", warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.contains("temp1_input: '' is not a plausible temperature")),
                String.join("\n", warnings));
    }

    @Test
    void aGoodCpufreqFileStillCountsWhenAnotherIsBroken() throws IOException {
        Path root = TreeFixture.copy("malformed", dir);
        Files.writeString(root.resolve("sys/devices/system/cpu/cpufreq/policy2/scaling_cur_freq"), "3400000\n");
        SysfsSampling sampling = new SysfsSampling(root, Clock.systemUTC(), new WarnOnce(warnings::add));
        assertEquals(3400.0, sampling.sample().cpuFrequencyMhz().getAsDouble(), 1e-9);
    }

    @Test
    void zeroZoneReadingIsWarnedOnce() throws IOException {
        Path root = TreeFixture.copy("malformed", dir);
        Files.delete(root.resolve("sys/class/hwmon/hwmon1"));
        SysfsSampling sampling = new SysfsSampling(root, Clock.systemUTC(), new WarnOnce(warnings::add));
        for (int i = 0; i < 10; i++) {
            assertTrue(sampling.sample().cpuTemperatureCelsius().isEmpty());
        }
        assertEquals(1, warnings.stream().filter(w -> w.contains("thermal_zone0/temp: '0'")).count(),
                String.join("\n", warnings));
    }

    @Test
    void aSensorThatVanishesAfterDiscoveryIsWarnedOnceAndLeftOut() throws IOException {
        Path root = TreeFixture.copy("intel-desktop", dir);
        SysfsSampling sampling = new SysfsSampling(root, Clock.systemUTC(), new WarnOnce(warnings::add));
        Files.delete(root.resolve("sys/devices/platform/nct6775.656/hwmon/hwmon4/fan1_input"));
        Files.delete(root.resolve("sys/devices/platform/coretemp.0/hwmon/hwmon3/temp1_input"));
        for (int i = 0; i < 10; i++) {
            MetricsSnapshot s = sampling.sample();
            assertEquals(List.of(0, 765), s.fanSpeedsRpm());
            assertTrue(s.cpuTemperatureCelsius().isEmpty());
        }
        assertEquals(2, warnings.size(), String.join("\n", warnings));
    }
}
