package io.sysmon.sysfs;

import io.sysmon.MetricsSampler;
import io.sysmon.SysfsMetricsSampler;
import io.sysmon.testkit.MetricsSamplerContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The sampler contract on the intel-desktop fixture tree, which has every kind of sensor. */
class SysfsFixtureContractTest extends MetricsSamplerContract {

    @TempDir
    Path dir;

    @Override
    protected MetricsSampler createSampler() {
        return new SysfsMetricsSampler(TreeFixture.copy("intel-desktop", dir));
    }
}
