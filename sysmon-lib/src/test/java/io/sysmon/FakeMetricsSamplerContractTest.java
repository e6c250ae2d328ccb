package io.sysmon;

import io.sysmon.FakeMetricsSampler.Scenario;
import io.sysmon.testkit.MetricsSamplerContract;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** Every way of making a {@link FakeMetricsSampler} passes the contract every sampler must pass. */
class FakeMetricsSamplerContractTest {

    @Nested
    class Steady extends MetricsSamplerContract {
        @Override
        protected MetricsSampler createSampler() {
            return FakeMetricsSampler.builder().seed(1).scenario(Scenario.STEADY).clock(new FakeTestClock()).build();
        }
    }

    @Nested
    class RandomWalk extends MetricsSamplerContract {
        @Override
        protected MetricsSampler createSampler() {
            return FakeMetricsSampler.builder().seed(2).scenario(Scenario.RANDOM_WALK).clock(new FakeTestClock())
                    .build();
        }
    }

    @Nested
    class Spike extends MetricsSamplerContract {
        @Override
        protected MetricsSampler createSampler() {
            // The spike falls inside the contract's REPEATS samples, so hot values are checked too.
            return FakeMetricsSampler.builder().seed(3).spike(3, REPEATS / 2).fanCount(FakeMetricsSampler.MAX_FAN_COUNT)
                    .clock(new FakeTestClock()).build();
        }
    }

    @Nested
    class Replaying extends MetricsSamplerContract {
        @Override
        protected MetricsSampler createSampler() {
            Instant t = Instant.parse("2020-05-05T05:05:05Z");
            return FakeMetricsSampler.replaying(List.of(
                    MetricsSnapshot.builder(t).cpuUsagePercent(12.5).ramTotalBytes(1000).ramUsedBytes(10).build(),
                    MetricsSnapshot.builder(t).build(),
                    MetricsSnapshot.builder(t).cpuTemperatureCelsius(-5).addFanSpeedRpm(0).build()),
                    new FakeTestClock());
        }
    }
}
