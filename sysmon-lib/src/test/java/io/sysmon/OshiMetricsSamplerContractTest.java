package io.sysmon;

import io.sysmon.testkit.MetricsSamplerContract;

/** The OSHI sampler on the machine running the build passes the contract every sampler must pass. */
class OshiMetricsSamplerContractTest extends MetricsSamplerContract {

    @Override
    protected MetricsSampler createSampler() {
        return new OshiMetricsSampler(new FakeTestClock());
    }
}
