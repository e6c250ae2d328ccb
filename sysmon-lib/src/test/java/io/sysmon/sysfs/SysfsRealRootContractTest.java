package io.sysmon.sysfs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sysmon.MetricsSampler;
import io.sysmon.MetricsSnapshot;
import io.sysmon.SysfsMetricsSampler;
import io.sysmon.testkit.MetricsSamplerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sampler contract on this machine's real {@code /}; skipped where there is no Linux procfs. */
class SysfsRealRootContractTest extends MetricsSamplerContract {

    @BeforeAll
    static void onLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs a Linux /proc");
    }

    @Override
    protected MetricsSampler createSampler() {
        return new SysfsMetricsSampler();
    }

    @Test
    void everyLinuxHasCpuUsageAndRam() {
        MetricsSnapshot snapshot = new SysfsMetricsSampler().sample();
        assertTrue(snapshot.cpuUsagePercent().isPresent(), "cpu usage from /proc/stat");
        assertTrue(snapshot.ramTotalBytes().isPresent(), "ram total from /proc/meminfo");
        assertTrue(snapshot.ramUsedBytes().isPresent(), "ram used from /proc/meminfo");
    }
}
