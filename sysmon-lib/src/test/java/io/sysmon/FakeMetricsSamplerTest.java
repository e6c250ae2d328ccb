package io.sysmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.FakeMetricsSampler.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FakeMetricsSamplerTest {

    private static final long GIB = 1024L * 1024 * 1024;

    private final FakeTestClock clock = new FakeTestClock();

    private static List<MetricsSnapshot> take(MetricsSampler sampler, int count) {
        List<MetricsSnapshot> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sampler.sample());
        }
        return out;
    }

    private static double cpu(MetricsSnapshot s) {
        return s.cpuUsagePercent().orElseThrow();
    }

    private static double temperature(MetricsSnapshot s) {
        return s.cpuTemperatureCelsius().orElseThrow();
    }

    private static double ramShare(MetricsSnapshot s) {
        return (double) s.ramUsedBytes().orElseThrow() / s.ramTotalBytes().orElseThrow();
    }

    private static void assertWithin(double low, double high, double actual, String what) {
        assertTrue(actual >= low && actual <= high, what + " = " + actual + ", expected within " + low + ".." + high);
    }

    @Nested
    class Determinism {

        @ParameterizedTest
        @EnumSource(Scenario.class)
        void equalSeedsAndClocksGiveEqualSequences(Scenario scenario) {
            FakeTestClock otherClock = new FakeTestClock();
            List<MetricsSnapshot> a = take(FakeMetricsSampler.builder().seed(42).scenario(scenario).clock(clock)
                    .build(), 200);
            List<MetricsSnapshot> b = take(FakeMetricsSampler.builder().seed(42).scenario(scenario).clock(otherClock)
                    .build(), 200);
            assertEquals(a, b);
        }

        @ParameterizedTest
        @EnumSource(Scenario.class)
        void differentSeedsGiveDifferentValues(Scenario scenario) {
            MetricsSnapshot a = FakeMetricsSampler.builder().seed(1).scenario(scenario).clock(clock).build().sample();
            MetricsSnapshot b = FakeMetricsSampler.builder().seed(2).scenario(scenario).clock(clock).build().sample();
            assertNotEquals(a.cpuUsagePercent(), b.cpuUsagePercent());
            assertNotEquals(a.cpuTemperatureCelsius(), b.cpuTemperatureCelsius());
            assertNotEquals(a, b);
        }

        @Test
        void consecutiveSamplesDiffer() {
            List<MetricsSnapshot> s = take(FakeMetricsSampler.builder().clock(clock).build(), 2);
            assertNotEquals(s.get(0), s.get(1));
        }

        @Test
        void eachBuildStartsAFreshSequence() {
            FakeMetricsSampler.Builder builder = FakeMetricsSampler.builder().seed(7).clock(clock);
            FakeMetricsSampler first = builder.build();
            List<MetricsSnapshot> firstRun = take(first, 20);
            assertEquals(firstRun, take(builder.build(), 20));
        }

        @Test
        void defaultsAreSeedZeroSteadyAndTheSystemClock() {
            MetricsSnapshot defaults = FakeMetricsSampler.builder().build().sample();
            MetricsSnapshot explicit = FakeMetricsSampler.builder().seed(0).scenario(Scenario.STEADY).build().sample();
            assertEquals(explicit.withTimestamp(Instant.EPOCH), defaults.withTimestamp(Instant.EPOCH));
            assertTrue(defaults.timestamp().isAfter(Instant.parse("2024-01-01T00:00:00Z")),
                    "system clock expected: " + defaults.timestamp());
        }

        @Test
        void concurrentCallersEachGetTheirOwnSampleIndex() throws Exception {
            List<MetricsSnapshot> sequential =
                    take(FakeMetricsSampler.builder().seed(9).spike(100, 50).clock(clock).build(), 400);
            FakeMetricsSampler shared = FakeMetricsSampler.builder().seed(9).spike(100, 50).clock(clock).build();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<MetricsSnapshot>> futures = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    futures.add(pool.submit((Callable<MetricsSnapshot>) shared::sample));
                }
                Map<MetricsSnapshot, Integer> expected = counts(sequential);
                Map<MetricsSnapshot, Integer> actual = new HashMap<>();
                for (Future<MetricsSnapshot> f : futures) {
                    actual.merge(f.get(30, TimeUnit.SECONDS), 1, Integer::sum);
                }
                assertEquals(expected, actual, "concurrent samples must be the sequential ones, each once");
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
        }

        private Map<MetricsSnapshot, Integer> counts(List<MetricsSnapshot> snapshots) {
            Map<MetricsSnapshot, Integer> counts = new HashMap<>();
            snapshots.forEach(s -> counts.merge(s, 1, Integer::sum));
            return counts;
        }
    }

    @Nested
    class Values {

        @ParameterizedTest
        @EnumSource(Scenario.class)
        void everyMetricIsPresentWithTheDefaultRamAndTwoFans(Scenario scenario) {
            for (MetricsSnapshot s : take(FakeMetricsSampler.builder().scenario(scenario).clock(clock).build(), 50)) {
                assertTrue(s.cpuUsagePercent().isPresent(), "cpu usage: " + s);
                assertTrue(s.cpuFrequencyMhz().isPresent(), "cpu frequency: " + s);
                assertTrue(s.cpuTemperatureCelsius().isPresent(), "temperature: " + s);
                assertTrue(s.ramUsedBytes().isPresent(), "ram used: " + s);
                assertEquals(8 * GIB, s.ramTotalBytes().orElseThrow());
                assertEquals(2, s.fanSpeedsRpm().size(), "fans: " + s);
                assertEquals(MetricsPayload.FIELD_NAMES, List.copyOf(MetricsPayload.from(s).fields().keySet()));
            }
        }

        @Test
        void steadyHoversAroundFixedLevels() {
            for (MetricsSnapshot s : take(FakeMetricsSampler.builder().seed(5).clock(clock).build(), 1000)) {
                assertWithin(10, 25, cpu(s), "cpu %");
                assertWithin(2300, 2500, s.cpuFrequencyMhz().orElseThrow(), "cpu MHz");
                assertWithin(45, 55, temperature(s), "temperature");
                assertWithin(0.40, 0.50, ramShare(s), "ram share");
                assertWithin(1050, 1150, s.fanSpeedsRpm().get(0), "fan 0");
                assertWithin(1150, 1250, s.fanSpeedsRpm().get(1), "fan 1");
            }
        }

        @Test
        void randomWalkStaysInBoundsOverTenThousandSamplesAndMovesInSmallSteps() {
            List<MetricsSnapshot> walk =
                    take(FakeMetricsSampler.builder().seed(11).scenario(Scenario.RANDOM_WALK).clock(clock).build(),
                            10_000);
            double minCpu = 100;
            double maxCpu = 0;
            MetricsSnapshot previous = null;
            for (MetricsSnapshot s : walk) {
                assertWithin(0, 100, cpu(s), "cpu %");
                assertWithin(600, 4500, s.cpuFrequencyMhz().orElseThrow(), "cpu MHz");
                assertWithin(30, 95, temperature(s), "temperature");
                assertWithin(0.20, 0.90, ramShare(s), "ram share");
                s.fanSpeedsRpm().forEach(rpm -> assertWithin(800, 2500, rpm, "fan"));
                if (previous != null) {
                    assertTrue(Math.abs(cpu(s) - cpu(previous)) <= 5 + 1e-9, "a walk step, not a jump: "
                            + cpu(previous) + " -> " + cpu(s));
                }
                minCpu = Math.min(minCpu, cpu(s));
                maxCpu = Math.max(maxCpu, cpu(s));
                previous = s;
            }
            // It wanders over most of its range rather than hovering like STEADY.
            assertTrue(minCpu < 10 && maxCpu > 60, "cpu stayed within " + minCpu + ".." + maxCpu);
        }

        @Test
        void ramTotalAndFanCountCanBeSet() {
            MetricsSnapshot s = FakeMetricsSampler.builder().ramTotalBytes(2 * GIB).fanCount(5).clock(clock).build()
                    .sample();
            assertEquals(2 * GIB, s.ramTotalBytes().orElseThrow());
            assertWithin(0.40, 0.50, ramShare(s), "ram share");
            assertEquals(5, s.fanSpeedsRpm().size());
        }

        @Test
        void eachSnapshotCarriesTheClockTimeOfItsCall() {
            FakeMetricsSampler sampler = FakeMetricsSampler.builder().clock(clock).build();
            Instant first = sampler.sample().timestamp();
            clock.advance(Duration.ofSeconds(10));
            Instant second = sampler.sample().timestamp();
            assertEquals(FakeTestClock.START, first);
            assertEquals(FakeTestClock.START.plusSeconds(10), second);
        }
    }

    @Nested
    class Spike {

        @Test
        void spikeRunsFromItsIndexForItsLengthThenResolves() {
            List<MetricsSnapshot> s = take(FakeMetricsSampler.builder().seed(3).spike(5, 3).clock(clock).build(), 20);
            for (int i = 0; i < s.size(); i++) {
                MetricsSnapshot snapshot = s.get(i);
                if (i >= 5 && i < 8) {
                    assertWithin(95, 100, cpu(snapshot), "cpu % at " + i);
                    assertWithin(85, 92, temperature(snapshot), "temperature at " + i);
                    snapshot.fanSpeedsRpm().forEach(rpm -> assertWithin(2100, 2500, rpm, "fan"));
                } else {
                    assertWithin(10, 25, cpu(snapshot), "cpu % at " + i);
                    assertWithin(45, 55, temperature(snapshot), "temperature at " + i);
                    snapshot.fanSpeedsRpm().forEach(rpm -> assertWithin(1050, 1250, rpm, "fan"));
                }
            }
        }

        @Test
        void outsideTheSpikeItIsExactlySteady() {
            List<MetricsSnapshot> spike =
                    take(FakeMetricsSampler.builder().seed(8).spike(4, 6).clock(clock).build(), 30);
            List<MetricsSnapshot> steady =
                    take(FakeMetricsSampler.builder().seed(8).scenario(Scenario.STEADY).clock(clock).build(), 30);
            for (int i = 0; i < 30; i++) {
                if (i >= 4 && i < 10) {
                    assertNotEquals(steady.get(i), spike.get(i), "index " + i);
                } else {
                    assertEquals(steady.get(i), spike.get(i), "index " + i);
                }
            }
        }

        @Test
        void spikeScenarioWithoutAWindowUsesTheDefaultOne() {
            List<MetricsSnapshot> s =
                    take(FakeMetricsSampler.builder().scenario(Scenario.SPIKE).clock(clock).build(), 30);
            int start = FakeMetricsSampler.DEFAULT_SPIKE_START;
            int end = start + FakeMetricsSampler.DEFAULT_SPIKE_LENGTH;
            for (int i = 0; i < s.size(); i++) {
                assertEquals(i >= start && i < end, cpu(s.get(i)) >= 95, "spiking at index " + i);
            }
        }

        @Test
        void aSpikeAtIndexZeroStartsWithTheFirstSample() {
            FakeMetricsSampler sampler = FakeMetricsSampler.builder().spike(0, 1).clock(clock).build();
            assertTrue(cpu(sampler.sample()) >= 95);
            assertTrue(cpu(sampler.sample()) <= 25);
        }

        @Test
        void choosingAnotherScenarioAfterSpikeTurnsTheSpikeOff() {
            FakeMetricsSampler sampler =
                    FakeMetricsSampler.builder().spike(0, 10).scenario(Scenario.STEADY).clock(clock).build();
            take(sampler, 10).forEach(s -> assertTrue(cpu(s) <= 25, "unexpected spike: " + s));
        }
    }

    @Nested
    class Replay {

        private final Instant recorded = Instant.parse("2020-01-01T00:00:00Z");
        private final List<MetricsSnapshot> recording = List.of(
                MetricsSnapshot.builder(recorded).cpuUsagePercent(1).build(),
                MetricsSnapshot.builder(recorded.plusSeconds(1)).cpuUsagePercent(2).addFanSpeedRpm(900).build(),
                MetricsSnapshot.builder(recorded.plusSeconds(2)).ramTotalBytes(100).ramUsedBytes(3).build());

        @Test
        void replaysInOrderThenStartsAgainStampedWithTheClock() {
            FakeMetricsSampler sampler = FakeMetricsSampler.replaying(recording, clock);
            for (int i = 0; i < 7; i++) {
                clock.advance(Duration.ofSeconds(1));
                MetricsSnapshot s = sampler.sample();
                assertEquals(recording.get(i % 3).withTimestamp(clock.instant()), s, "sample " + i);
            }
        }

        @Test
        void theListIsCopied() {
            List<MetricsSnapshot> mutable = new ArrayList<>(recording);
            FakeMetricsSampler sampler = FakeMetricsSampler.replaying(mutable, clock);
            mutable.clear();
            assertEquals(recording.get(0).withTimestamp(clock.instant()), sampler.sample());
        }

        @Test
        void anEmptyListIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FakeMetricsSampler.replaying(List.of(), clock));
            assertTrue(e.getMessage().contains("snapshots"), e.getMessage());
        }

        @Test
        void nullsAreRejectedByName() {
            assertMessageNames(NullPointerException.class, "snapshots",
                    () -> FakeMetricsSampler.replaying(null, clock));
            assertMessageNames(NullPointerException.class, "clock",
                    () -> FakeMetricsSampler.replaying(recording, null));
        }
    }

    @Nested
    class BuilderValidation {

        private final FakeMetricsSampler.Builder builder = FakeMetricsSampler.builder();

        @Test
        void spikeLengthMustBePositive() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> builder.spike(3, 0));
            assertEquals("lengthSamples must be >= 1, got 0", e.getMessage());
        }

        @Test
        void spikeIndexMustNotBeNegative() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> builder.spike(-1, 5));
            assertEquals("sampleIndex must be >= 0, got -1", e.getMessage());
        }

        @Test
        void ramTotalMustBePositive() {
            assertMessageNames(IllegalArgumentException.class, "ramTotalBytes", () -> builder.ramTotalBytes(0));
            assertMessageNames(IllegalArgumentException.class, "ramTotalBytes", () -> builder.ramTotalBytes(-5));
        }

        @Test
        void fanCountMustBeWithinRange() {
            assertMessageNames(IllegalArgumentException.class, "fanCount", () -> builder.fanCount(0));
            assertMessageNames(IllegalArgumentException.class, "fanCount",
                    () -> builder.fanCount(FakeMetricsSampler.MAX_FAN_COUNT + 1));
        }

        @Test
        void nullsAreRejectedByName() {
            assertMessageNames(NullPointerException.class, "scenario", () -> builder.scenario(null));
            assertMessageNames(NullPointerException.class, "clock", () -> builder.clock((Clock) null));
        }

        @Test
        void aRejectedValueLeavesTheBuilderAsItWas() {
            builder.seed(4).clock(clock).spike(2, 2);
            assertThrows(IllegalArgumentException.class, () -> builder.spike(7, 0));
            assertThrows(IllegalArgumentException.class, () -> builder.fanCount(99));
            List<MetricsSnapshot> afterRejects = take(builder.build(), 6);
            List<MetricsSnapshot> clean =
                    take(FakeMetricsSampler.builder().seed(4).clock(clock).spike(2, 2).build(), 6);
            assertEquals(clean, afterRejects);
        }
    }

    private static void assertMessageNames(Class<? extends RuntimeException> type, String name, Executable call) {
        RuntimeException e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(name),
                "message should name " + name + ": " + e.getMessage());
    }
}
