package io.sysmon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sysmon.internal.CpuTicks;
import io.sysmon.internal.WarnOnce;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.Sensors;

class OshiMetricsSamplerTest {

    // Index order of OSHI's TickType: USER, NICE, SYSTEM, IDLE, IOWAIT, IRQ, SOFTIRQ, STEAL.
    private static long[] ticks(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
            long steal) {
        return new long[] {user, nice, system, idle, iowait, irq, softirq, steal};
    }

    /**
     * OSHI's tick arrays become {@link CpuTicks}; the arithmetic on them is {@code CpuUsageTracker}'s, tested in
     * {@code CpuUsageTrackerTest}.
     */
    @Nested
    class TickConversion {

        @Test
        void eachTickTypeBecomesTheCpuTicksFieldOfTheSameName() {
            assertEquals(Optional.of(new CpuTicks(1, 2, 3, 4, 5, 6, 7, 8)),
                    OshiMetricsSampler.cpuTicks(ticks(1, 2, 3, 4, 5, 6, 7, 8)));
        }

        @Test
        void arraysWithoutOneEntryPerTickTypeAreNoTicks() {
            assertEquals(Optional.empty(), OshiMetricsSampler.cpuTicks(new long[] {1, 2, 3}));
            assertEquals(Optional.empty(), OshiMetricsSampler.cpuTicks(new long[7]));
            assertEquals(Optional.empty(), OshiMetricsSampler.cpuTicks(new long[9]));
            assertEquals(Optional.empty(), OshiMetricsSampler.cpuTicks(null));
        }

        @Test
        void tickArraysHaveTheLayoutTheArithmeticAssumes() {
            assertArrayEquals(new String[] {"USER", "NICE", "SYSTEM", "IDLE", "IOWAIT", "IRQ", "SOFTIRQ", "STEAL"},
                    Stream.of(CentralProcessor.TickType.values()).map(Enum::name).toArray(String[]::new));
            for (CentralProcessor.TickType t : CentralProcessor.TickType.values()) {
                assertEquals(t.ordinal(), t.getIndex(), t.name());
            }
            // So CpuTicks, filled in this order, means the same thing for OSHI as for /proc/stat.
            assertArrayEquals(Stream.of(CentralProcessor.TickType.values())
                            .map(t -> t.name().toLowerCase(Locale.ROOT)).toArray(String[]::new),
                    Stream.of(CpuTicks.class.getRecordComponents()).map(RecordComponent::getName)
                            .toArray(String[]::new));
        }
    }

    @Nested
    class Conversions {

        @Test
        void frequencyIsTheMeanOfPositiveReadingsInMhz() {
            assertEquals(OptionalDouble.of(2400.0),
                    OshiMetricsSampler.meanFrequencyMhz(new long[] {2_300_000_000L, 0, -1, 2_500_000_000L}));
        }

        @Test
        void frequencyIsAbsentWhenNoProcessorReportsOne() {
            assertEquals(OptionalDouble.empty(), OshiMetricsSampler.meanFrequencyMhz(new long[] {0, -1, 0}));
            assertEquals(OptionalDouble.empty(), OshiMetricsSampler.meanFrequencyMhz(new long[0]));
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.0, Double.NaN, -40.001, -41.0, 150.001, 200.0, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY})
        void temperatureOshiCannotMeanIsAbsent(double oshiValue) {
            assertEquals(OptionalDouble.empty(), OshiMetricsSampler.temperatureCelsius(oshiValue));
        }

        /** The bounds are {@link SensorLimits}', inclusive, as for the sysfs sampler. */
        @ParameterizedTest
        @ValueSource(doubles = {SensorLimits.MIN_CPU_CELSIUS, -39.5, -5.0, 0.5, 42.5, 149.9,
                SensorLimits.MAX_CPU_CELSIUS})
        void plausibleTemperatureIsKept(double oshiValue) {
            assertEquals(OptionalDouble.of(oshiValue), OshiMetricsSampler.temperatureCelsius(oshiValue));
        }

        @Test
        void fanSpeedsKeepZeroAndOrderButDropNegatives() {
            assertEquals(List.of(1200, 0, 900), OshiMetricsSampler.fanSpeeds(new int[] {1200, -1, 0, 900}));
            assertEquals(List.of(), OshiMetricsSampler.fanSpeeds(new int[0]));
        }

        @Test
        void ramUsedIsTotalMinusAvailable() {
            MetricsSnapshot.Builder b = MetricsSnapshot.builder(FakeTestClock.START);
            OshiMetricsSampler.putRam(b, 1000, 250);
            MetricsSnapshot s = b.build();
            assertEquals(OptionalLong.of(1000), s.ramTotalBytes());
            assertEquals(OptionalLong.of(750), s.ramUsedBytes());
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void ramIsAbsentWithoutAPositiveTotal(long total) {
            MetricsSnapshot.Builder b = MetricsSnapshot.builder(FakeTestClock.START);
            OshiMetricsSampler.putRam(b, total, 0);
            MetricsSnapshot s = b.build();
            assertEquals(OptionalLong.empty(), s.ramTotalBytes());
            assertEquals(OptionalLong.empty(), s.ramUsedBytes());
        }

        @ParameterizedTest
        @ValueSource(longs = {-1, 1001})
        void ramUsedIsAbsentWhenAvailableIsOutsideZeroToTotal(long available) {
            MetricsSnapshot.Builder b = MetricsSnapshot.builder(FakeTestClock.START);
            OshiMetricsSampler.putRam(b, 1000, available);
            MetricsSnapshot s = b.build();
            assertEquals(OptionalLong.of(1000), s.ramTotalBytes());
            assertEquals(OptionalLong.empty(), s.ramUsedBytes());
        }
    }

    @Nested
    class WithScriptedHardware {

        private final FakeTestClock clock = new FakeTestClock();
        private final Deque<long[]> tickScript = new ArrayDeque<>();
        private final List<String> warned = Collections.synchronizedList(new ArrayList<>());
        private final WarnOnce warnings = new WarnOnce(warned::add);

        private CentralProcessor processor() {
            return OshiFakeHardware.processor(() -> tickScript.size() > 1 ? tickScript.poll() : tickScript.peek(),
                    () -> new long[] {1_000_000_000L, 3_000_000_000L});
        }

        @Test
        void firstSampleIsSinceBootThenEachIntervalAndAnEmptyIntervalRepeats() {
            tickScript.add(ticks(300, 0, 100, 1500, 100, 0, 0, 0)); // since boot: 400 busy of 2000
            tickScript.add(ticks(400, 0, 100, 1550, 100, 0, 0, 0)); // interval: 100 busy of 150
            tickScript.add(ticks(400, 0, 100, 1550, 100, 0, 0, 0)); // nothing elapsed
            tickScript.add(ticks(400, 0, 100, 1650, 100, 0, 0, 0)); // interval: all idle
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.sensors(0.0), clock);

            assertEquals(20.0, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
            assertEquals(100.0 * 100 / 150, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
            assertEquals(100.0 * 100 / 150, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
            assertEquals(0.0, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
        }

        @Test
        void countersThatWentBackwardsRepeatThePreviousValueThenCountFromTheLoweredCounters() {
            tickScript.add(ticks(300, 0, 100, 1500, 100, 0, 0, 0)); // since boot: 400 busy of 2000
            tickScript.add(ticks(200, 0, 50, 1000, 100, 0, 0, 0)); // lowered: no tick elapsed, repeat
            tickScript.add(ticks(230, 0, 50, 1070, 100, 0, 0, 0)); // from the lowered counters: 30 busy of 100
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.sensors(0.0), clock);

            assertEquals(20.0, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
            assertEquals(20.0, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
            assertEquals(30.0, sampler.sample().cpuUsagePercent().getAsDouble(), 1e-9);
        }

        @Test
        void cpuUsageIsAbsentWhileTheCountersHaveNeverAdvanced() {
            tickScript.add(new long[8]);
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.sensors(0.0), clock);
            assertFalse(sampler.sample().cpuUsagePercent().isPresent());
        }

        @Test
        void everyMetricComesFromOshiAndTheTimestampFromTheClock() {
            tickScript.add(ticks(300, 0, 100, 1500, 100, 0, 0, 0));
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.sensors(48.5, 1200, 1800), clock);
            clock.advance(Duration.ofSeconds(42));

            MetricsSnapshot s = sampler.sample();

            assertEquals(FakeTestClock.START.plusSeconds(42), s.timestamp());
            assertEquals(OptionalDouble.of(2000.0), s.cpuFrequencyMhz());
            assertEquals(OptionalDouble.of(48.5), s.cpuTemperatureCelsius());
            assertEquals(List.of(1200, 1800), s.fanSpeedsRpm());
            assertEquals(OptionalLong.of(1000), s.ramTotalBytes());
            assertEquals(OptionalLong.of(600), s.ramUsedBytes());
        }

        @Test
        void oshiSayingZeroDegreesAndNoFansMeansAbsentNotZero() {
            tickScript.add(ticks(300, 0, 100, 1500, 100, 0, 0, 0));
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.sensors(0.0), clock);
            MetricsSnapshot s = sampler.sample();
            assertEquals(OptionalDouble.empty(), s.cpuTemperatureCelsius());
            assertEquals(List.of(), s.fanSpeedsRpm());
            assertFalse(MetricsPayload.from(s).fields().containsKey(MetricsPayload.CPU_TEMP));
            assertFalse(MetricsPayload.from(s).fields().containsKey(MetricsPayload.FAN_SPEED));
        }

        @Test
        void whenOshiThrowsEverywhereSampleStillReturnsAndWarnsOncePerReading() {
            OshiMetricsSampler sampler = new OshiMetricsSampler(OshiFakeHardware.failing(CentralProcessor.class),
                    OshiFakeHardware.failing(GlobalMemory.class), OshiFakeHardware.failing(Sensors.class), clock,
                    warnings);

            for (int i = 0; i < 3; i++) {
                MetricsSnapshot s = sampler.sample();
                assertEquals(MetricsSnapshot.builder(FakeTestClock.START).build(), s, "only a timestamp expected");
            }
            // CPU ticks, frequency, temperature, fans, memory: five readings, each warned about once, not thrice.
            assertEquals(5, warned.size(), String.join("\n", warned));
            for (String reading : List.of("CPU usage", "CPU frequency", "CPU temperature", "fan speeds", "RAM")) {
                assertEquals(1, warned.stream().filter(w -> w.startsWith("OSHI failed to read " + reading + ";"))
                        .count(), reading + " in " + warned);
            }
        }

        @Test
        void aFailingSensorLeavesOnlyItsOwnMetricsOut() {
            tickScript.add(ticks(300, 0, 100, 1500, 100, 0, 0, 0));
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.failing(Sensors.class), clock, warnings);

            MetricsSnapshot s = sampler.sample();

            assertTrue(s.cpuUsagePercent().isPresent());
            assertTrue(s.cpuFrequencyMhz().isPresent());
            assertTrue(s.ramUsedBytes().isPresent());
            assertFalse(s.cpuTemperatureCelsius().isPresent());
            assertTrue(s.fanSpeedsRpm().isEmpty());
            assertEquals(2, warned.size(), String.join("\n", warned));
            assertTrue(warned.get(0).startsWith("OSHI failed to read CPU temperature;"), warned.get(0));
            assertTrue(warned.get(1).startsWith("OSHI failed to read fan speeds;"), warned.get(1));
        }

        @Test
        void tickArraysOfTheWrongLengthLeaveCpuUsageOut() {
            tickScript.add(new long[] {1, 2, 3});
            OshiMetricsSampler sampler = new OshiMetricsSampler(processor(), OshiFakeHardware.memory(1000, 400),
                    OshiFakeHardware.sensors(0.0), clock);
            assertFalse(sampler.sample().cpuUsagePercent().isPresent());
        }

        @Test
        void nullArgumentsAreRejectedByName() {
            CentralProcessor p = processor();
            GlobalMemory m = OshiFakeHardware.memory(1, 1);
            Sensors s = OshiFakeHardware.sensors(0.0);
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> new OshiMetricsSampler(p, m, s, null));
            assertTrue(e.getMessage().contains("clock"), e.getMessage());
            e = assertThrows(NullPointerException.class, () -> new OshiMetricsSampler(p, m, s, clock, null));
            assertTrue(e.getMessage().contains("warnings"), e.getMessage());
        }
    }

    /** The real OSHI on the machine running the build. */
    @Nested
    class OnThisMachine {

        private final OshiMetricsSampler sampler = new OshiMetricsSampler(new FakeTestClock());

        @Test
        void ramTotalIsProcMeminfoMemTotal() throws IOException {
            Path meminfo = Path.of("/proc/meminfo");
            assumeTrue(Files.isReadable(meminfo), "not Linux");
            long memTotalKib = Files.readAllLines(meminfo).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElseThrow();

            MetricsSnapshot s = sampler.sample();

            assertEquals(OptionalLong.of(memTotalKib * 1024), s.ramTotalBytes());
            assertTrue(s.ramUsedBytes().isPresent(), "ram used missing: " + s);
            assertTrue(s.ramUsedBytes().getAsLong() > 0, "a running JVM uses some RAM: " + s);
        }

        @Test
        void temperatureIsAbsentNotZeroOnAMachineWithoutSensors() throws IOException {
            assumeTrue(Files.isDirectory(Path.of("/proc")), "not Linux");
            assumeTrue(!hasEntries("/sys/class/hwmon") && !hasThermalZone(),
                    "this machine has temperature sensors");

            MetricsSnapshot s = sampler.sample();

            assertEquals(OptionalDouble.empty(), s.cpuTemperatureCelsius());
            assertEquals(List.of(), s.fanSpeedsRpm());
        }

        @Test
        void cpuUsageIsPresentFromTheFirstSample() {
            MetricsSnapshot s = sampler.sample();
            assertTrue(s.cpuUsagePercent().isPresent(), "since-boot usage expected: " + s);
        }

        @Test
        void frequencyIsPresentWhereProcCpuinfoReportsOne() throws IOException {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            assumeTrue(Files.isReadable(cpuinfo), "not Linux");
            assumeTrue(Files.readAllLines(cpuinfo).stream().anyMatch(l -> l.matches("cpu MHz\\s*:\\s*[1-9].*")),
                    "/proc/cpuinfo reports no frequency");
            MetricsSnapshot s = sampler.sample();
            assertTrue(s.cpuFrequencyMhz().isPresent(), "frequency missing: " + s);
            double mhz = s.cpuFrequencyMhz().getAsDouble();
            assertTrue(mhz > 100 && mhz < 20_000, "implausible MHz: " + mhz);
        }

        @Test
        void defaultConstructorStampsWithTheSystemClock() {
            Instant s = new OshiMetricsSampler().sample().timestamp();
            assertTrue(s.isAfter(Instant.parse("2024-01-01T00:00:00Z")), "system time expected, got " + s);
        }

        private boolean hasEntries(String dir) throws IOException {
            Path path = Path.of(dir);
            if (!Files.isDirectory(path)) {
                return false;
            }
            try (Stream<Path> entries = Files.list(path)) {
                return entries.findAny().isPresent();
            }
        }

        private boolean hasThermalZone() throws IOException {
            Path path = Path.of("/sys/class/thermal");
            if (!Files.isDirectory(path)) {
                return false;
            }
            try (Stream<Path> entries = Files.list(path)) {
                return entries.anyMatch(p -> p.getFileName().toString().startsWith("thermal_zone"));
            }
        }
    }
}
