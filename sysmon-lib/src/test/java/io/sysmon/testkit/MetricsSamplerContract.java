package io.sysmon.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSampler;
import io.sysmon.MetricsSnapshot;
import io.sysmon.SensorLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetricsSampler} must show. Extend it in a test of your own sampler:
 *
 * <pre>{@code
 * class MySamplerTest extends MetricsSamplerContract {
 *     @Override
 *     protected MetricsSampler createSampler() {
 *         return new MySampler();
 *     }
 * }
 * }</pre>
 *
 * <p>It ships in the {@code sysmon-lib} test-jar ({@code <type>test-jar</type>}); the tests need JUnit Jupiter
 * on the test classpath.
 */
public abstract class MetricsSamplerContract {

    /** How many samples the repeated-sampling checks take. */
    protected static final int REPEATS = 25;

    /**
     * @return a new sampler under test; each test closes the one it gets
     * @throws Exception when the sampler cannot be created
     */
    protected abstract MetricsSampler createSampler() throws Exception;

    /**
     * Whether {@link MetricsSampler#sample()} may be called from several threads at once. Samplers that say
     * {@code false} skip the concurrency check.
     *
     * @return {@code true} by default
     */
    protected boolean isThreadSafe() {
        return true;
    }

    @Test
    void sampleReturnsASnapshotWithATimestamp() throws Exception {
        try (MetricsSampler sampler = createSampler()) {
            MetricsSnapshot snapshot = sampler.sample();
            assertNotNull(snapshot, "sample() must not return null");
            assertNotNull(snapshot.timestamp(), "timestamp must not be null");
            assertTrue(snapshot.timestamp().isAfter(Instant.EPOCH), "timestamp must be after the epoch");
        }
    }

    @Test
    void everyPresentValueIsPhysical() throws Exception {
        try (MetricsSampler sampler = createSampler()) {
            for (int i = 0; i < REPEATS; i++) {
                assertPhysical(sampler.sample());
            }
        }
    }

    @Test
    void timestampsNeverGoBackwards() throws Exception {
        try (MetricsSampler sampler = createSampler()) {
            Instant previous = Instant.MIN;
            for (int i = 0; i < REPEATS; i++) {
                Instant now = sampler.sample().timestamp();
                assertFalse(now.isBefore(previous), "timestamp went backwards: " + previous + " then " + now);
                previous = now;
            }
        }
    }

    @Test
    void payloadHoldsExactlyThePresentMetrics() throws Exception {
        try (MetricsSampler sampler = createSampler()) {
            for (int i = 0; i < REPEATS; i++) {
                MetricsSnapshot snapshot = sampler.sample();
                Map<String, Number> fields = MetricsPayload.from(snapshot).fields();
                assertTrue(MetricsPayload.FIELD_NAMES.containsAll(fields.keySet()), "unknown field in " + fields);
                assertEquals(snapshot.timestamp().getEpochSecond(), fields.get(MetricsPayload.TIMESTAMP));
                assertEquals(snapshot.cpuUsagePercent().isPresent(), fields.containsKey(MetricsPayload.CPU_USAGE));
                assertEquals(snapshot.cpuFrequencyMhz().isPresent(), fields.containsKey(MetricsPayload.CPU_FREQ));
                assertEquals(snapshot.cpuTemperatureCelsius().isPresent(),
                        fields.containsKey(MetricsPayload.CPU_TEMP));
                assertEquals(snapshot.ramUsedBytes().isPresent(), fields.containsKey(MetricsPayload.RAM_USAGE));
                assertEquals(snapshot.ramTotalBytes().isPresent(), fields.containsKey(MetricsPayload.RAM_TOTAL));
                assertEquals(!snapshot.fanSpeedsRpm().isEmpty(), fields.containsKey(MetricsPayload.FAN_SPEED));
                fields.values().forEach(v -> assertTrue(Double.isFinite(v.doubleValue()), "non-finite " + fields));
            }
        }
    }

    @Test
    void snapshotsAreImmutable() throws Exception {
        try (MetricsSampler sampler = createSampler()) {
            MetricsSnapshot snapshot = sampler.sample();
            assertThrows(UnsupportedOperationException.class, () -> snapshot.fanSpeedsRpm().add(1));
        }
    }

    @Test
    void concurrentSamplingNeitherThrowsNorCorrupts() throws Exception {
        assumeTrue(isThreadSafe(), "the sampler says it is not thread-safe");
        try (MetricsSampler sampler = createSampler()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<MetricsSnapshot>> futures = new ArrayList<>();
                for (int i = 0; i < 4 * REPEATS; i++) {
                    futures.add(pool.submit(sampler::sample));
                }
                for (Future<MetricsSnapshot> future : futures) {
                    assertPhysical(future.get(30, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "sampling threads did not stop");
            }
        }
    }

    @Test
    void closeCanBeCalledTwice() throws Exception {
        MetricsSampler sampler = createSampler();
        sampler.sample();
        assertDoesNotThrow(sampler::close);
        assertDoesNotThrow(sampler::close);
    }

    /**
     * Checks that every present value of {@code snapshot} could come from real hardware: within
     * {@link SensorLimits}, bounds included, which the library's samplers use to drop broken sensors.
     *
     * @param snapshot the reading to check
     */
    protected static void assertPhysical(MetricsSnapshot snapshot) {
        assertNotNull(snapshot, "sample() must not return null");
        snapshot.cpuUsagePercent().ifPresent(v -> assertTrue(v >= 0 && v <= 100, "cpu usage % out of range: " + v));
        snapshot.cpuFrequencyMhz()
                .ifPresent(v -> assertTrue(SensorLimits.isPlausibleCpuMhz(v), "cpu MHz out of range: " + v));
        snapshot.cpuTemperatureCelsius().ifPresent(v -> assertTrue(SensorLimits.isPlausibleCpuCelsius(v),
                "cpu temperature out of range: " + v));
        snapshot.ramTotalBytes().ifPresent(v -> assertTrue(v > 0, "ram total must be > 0: " + v));
        snapshot.ramUsedBytes().ifPresent(v -> assertTrue(v >= 0, "ram used must be >= 0: " + v));
        if (snapshot.ramUsedBytes().isPresent() && snapshot.ramTotalBytes().isPresent()) {
            assertTrue(snapshot.ramUsedBytes().getAsLong() <= snapshot.ramTotalBytes().getAsLong(),
                    "ram used exceeds total: " + snapshot);
        }
        snapshot.fanSpeedsRpm()
                .forEach(v -> assertTrue(SensorLimits.isPlausibleFanRpm(v), "fan rpm out of range: " + v));
    }
}
