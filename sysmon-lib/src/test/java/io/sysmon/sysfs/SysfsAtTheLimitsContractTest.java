package io.sysmon.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sysmon.MetricsSampler;
import io.sysmon.MetricsSnapshot;
import io.sysmon.SensorLimits;
import io.sysmon.SysfsMetricsSampler;
import io.sysmon.testkit.MetricsSamplerContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler contract on readings exactly at {@link SensorLimits}: the sampler keeps them, so the kit must accept
 * them too, or a real machine at 150 °C would fail it.
 */
class SysfsAtTheLimitsContractTest extends MetricsSamplerContract {

    private static final String TEMPERATURE = "sys/devices/platform/coretemp.0/hwmon/hwmon3/temp1_input";

    @TempDir
    Path dir;

    /** intel-desktop with its CPU sensor, every cpufreq file and its first fan at the upper limits. */
    private Path treeAtTheLimits(String millidegrees) throws IOException {
        Path root = TreeFixture.copy("intel-desktop", dir);
        Files.writeString(root.resolve(TEMPERATURE), millidegrees + "\n");
        long khz = (long) (SensorLimits.MAX_CPU_MHZ * 1000);
        for (int policy = 0; policy < 8; policy++) {
            Files.writeString(root.resolve("sys/devices/system/cpu/cpufreq/policy" + policy + "/scaling_cur_freq"),
                    khz + "\n");
        }
        Files.writeString(root.resolve("sys/devices/platform/nct6775.656/hwmon/hwmon4/fan1_input"),
                SensorLimits.MAX_FAN_RPM + "\n");
        return root;
    }

    @Override
    protected MetricsSampler createSampler() throws IOException {
        return new SysfsMetricsSampler(treeAtTheLimits("150000"));
    }

    @Test
    void theReadingsAreExactlyTheUpperLimits() throws IOException {
        MetricsSnapshot s = createSampler().sample();
        assertEquals(SensorLimits.MAX_CPU_CELSIUS, s.cpuTemperatureCelsius().getAsDouble());
        assertEquals(SensorLimits.MAX_CPU_MHZ, s.cpuFrequencyMhz().getAsDouble());
        assertEquals(List.of(SensorLimits.MAX_FAN_RPM, 0, 765), s.fanSpeedsRpm());
        assertPhysical(s);
    }

    @Test
    void theLowestTemperatureIsKeptAndAccepted() throws IOException {
        MetricsSnapshot s = new SysfsMetricsSampler(treeAtTheLimits("-40000")).sample();
        assertEquals(SensorLimits.MIN_CPU_CELSIUS, s.cpuTemperatureCelsius().getAsDouble());
        assertPhysical(s);
    }
}
