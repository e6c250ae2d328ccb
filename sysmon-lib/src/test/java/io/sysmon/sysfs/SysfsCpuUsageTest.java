package io.sysmon.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sysmon.SysfsMetricsSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU usage through the sampler, by rewriting {@code proc/stat} in a fixture tree between samples. */
class SysfsCpuUsageTest {

    private static final double EPSILON = 1e-9;

    @TempDir
    Path dir;

    private Path root;
    private List<String> otherLines;

    @BeforeEach
    void layOutTree() throws IOException {
        root = TreeFixture.copy("vm-nosensors", dir);
        List<String> lines = Files.readAllLines(stat());
        otherLines = lines.subList(1, lines.size());
    }

    private Path stat() {
        return root.resolve("proc/stat");
    }

    /** Replaces the aggregate line, keeping the per-CPU, intr, ctxt... lines as a kernel would write them. */
    private void writeCpuLine(String aggregate) throws IOException {
        Files.writeString(stat(), aggregate + "\n" + String.join("\n", otherLines) + "\n");
    }

    @Test
    void firstSampleIsSinceBootThenEachIntervalSinceThePrevious() throws IOException {
        //             user  nice system idle iowait irq softirq steal guest guest_nice
        writeCpuLine("cpu  10000 200 3000 80000 1500 0 300 0 0 0");
        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);

        // Since boot: busy = user + nice + system + irq + softirq + steal; total adds idle + iowait.
        double sinceBoot = 100.0 * (10000 + 200 + 3000 + 0 + 300 + 0) / (10000 + 200 + 3000 + 80000 + 1500 + 0 + 300 + 0);
        assertEquals(sinceBoot, sampler.sample().cpuUsagePercent().getAsDouble(), EPSILON);

        writeCpuLine("cpu  10600 200 3200 80900 1600 0 320 0 50 0");
        // Deltas: user 600, nice 0, system 200, idle 900, iowait 100, irq 0, softirq 20, steal 0. The 50 guest
        // ticks are already inside user, so they are not added again.
        double interval = 100.0 * (600 + 0 + 200 + 0 + 20 + 0) / (600 + 0 + 200 + 900 + 100 + 0 + 20 + 0);
        assertEquals(interval, sampler.sample().cpuUsagePercent().getAsDouble(), EPSILON);

        // Same counters (two samples within one tick): nothing new, the previous value is repeated.
        assertEquals(interval, sampler.sample().cpuUsagePercent().getAsDouble(), EPSILON);
    }

    @Test
    void countersGoingBackwardsRepeatThePreviousValueThenResume() throws IOException {
        writeCpuLine("cpu  10000 200 3000 80000 1500 0 300 0 0 0");
        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);
        sampler.sample();
        writeCpuLine("cpu  10600 200 3200 80900 1600 0 320 0 50 0");
        double previous = sampler.sample().cpuUsagePercent().getAsDouble();

        // A CPU went offline and took its counters with it: every delta is negative, clamped to 0.
        writeCpuLine("cpu  10500 200 3150 60000 1200 0 310 0 50 0");
        assertEquals(previous, sampler.sample().cpuUsagePercent().getAsDouble(), EPSILON);

        // The next interval is measured from the lowered counters: user +200, idle +100.
        writeCpuLine("cpu  10700 200 3150 60100 1200 0 310 0 50 0");
        assertEquals(100.0 * 200 / (200 + 100), sampler.sample().cpuUsagePercent().getAsDouble(), EPSILON);
    }

    @Test
    void unreadableStatLeavesUsageOutWithoutThrowing() throws IOException {
        SysfsMetricsSampler sampler = new SysfsMetricsSampler(root);
        Files.writeString(stat(), "garbage\n");
        assertEquals(true, sampler.sample().cpuUsagePercent().isEmpty());
        Files.delete(stat());
        assertEquals(true, sampler.sample().cpuUsagePercent().isEmpty());
    }
}
