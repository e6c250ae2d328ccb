package io.sysmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsSnapshotTest {

    private static final Instant T = Instant.parse("2024-06-01T12:00:00.250Z");

    private static MetricsSnapshot.Builder full() {
        return MetricsSnapshot.builder(T)
                .cpuUsagePercent(12.5)
                .cpuFrequencyMhz(2400)
                .cpuTemperatureCelsius(48.2)
                .ramUsedBytes(3_000)
                .ramTotalBytes(8_000)
                .addFanSpeedRpm(1200)
                .addFanSpeedRpm(1800);
    }

    private static void assertRejected(String field, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(field + " "), "message should start with the field name "
                + field + ": " + e.getMessage());
    }

    @Nested
    class Building {

        @Test
        void aNewBuilderHasOnlyTheTimestamp() {
            MetricsSnapshot s = MetricsSnapshot.builder(T).build();
            assertEquals(T, s.timestamp());
            assertEquals(OptionalDouble.empty(), s.cpuUsagePercent());
            assertEquals(OptionalDouble.empty(), s.cpuFrequencyMhz());
            assertEquals(OptionalDouble.empty(), s.cpuTemperatureCelsius());
            assertEquals(OptionalLong.empty(), s.ramUsedBytes());
            assertEquals(OptionalLong.empty(), s.ramTotalBytes());
            assertEquals(List.of(), s.fanSpeedsRpm());
            assertEquals(OptionalInt.empty(), s.fastestFanRpm());
        }

        @Test
        void everySetterIsReadBack() {
            MetricsSnapshot s = full().build();
            assertEquals(OptionalDouble.of(12.5), s.cpuUsagePercent());
            assertEquals(OptionalDouble.of(2400), s.cpuFrequencyMhz());
            assertEquals(OptionalDouble.of(48.2), s.cpuTemperatureCelsius());
            assertEquals(OptionalLong.of(3_000), s.ramUsedBytes());
            assertEquals(OptionalLong.of(8_000), s.ramTotalBytes());
            assertEquals(List.of(1200, 1800), s.fanSpeedsRpm());
        }

        @Test
        void fastestFanIsTheMaximumWhereverItIs() {
            MetricsSnapshot s = MetricsSnapshot.builder(T).fanSpeedsRpm(List.of(900, 2100, 1500)).build();
            assertEquals(OptionalInt.of(2100), s.fastestFanRpm());
        }

        @Test
        void fanSpeedsReplacesEarlierFans() {
            MetricsSnapshot s = MetricsSnapshot.builder(T).addFanSpeedRpm(5).fanSpeedsRpm(List.of(7, 8)).build();
            assertEquals(List.of(7, 8), s.fanSpeedsRpm());
        }

        @Test
        void boundaryValuesAreAccepted() {
            MetricsSnapshot s = MetricsSnapshot.builder(T)
                    .cpuUsagePercent(0)
                    .cpuUsagePercent(100)
                    .cpuFrequencyMhz(Double.MIN_VALUE)
                    .cpuTemperatureCelsius(-273.15)
                    .ramTotalBytes(1)
                    .ramUsedBytes(1)
                    .addFanSpeedRpm(0)
                    .build();
            assertEquals(OptionalDouble.of(100), s.cpuUsagePercent());
            assertEquals(OptionalLong.of(1), s.ramUsedBytes());
            assertEquals(List.of(0), s.fanSpeedsRpm(), "a stopped fan is a reading, not an absence");
        }

        @Test
        void ramUsedMayBeZeroAndEqualToTotal() {
            assertEquals(OptionalLong.of(0), MetricsSnapshot.builder(T).ramUsedBytes(0).build().ramUsedBytes());
            assertEquals(OptionalLong.of(10),
                    MetricsSnapshot.builder(T).ramTotalBytes(10).ramUsedBytes(10).build().ramUsedBytes());
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(doubles = {-0.1, 100.1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void cpuUsageOutsideZeroToHundredIsRejected(double value) {
            assertRejected("cpuUsagePercent", () -> MetricsSnapshot.builder(T).cpuUsagePercent(value));
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        void nonPositiveOrNonFiniteFrequencyIsRejected(double value) {
            assertRejected("cpuFrequencyMhz", () -> MetricsSnapshot.builder(T).cpuFrequencyMhz(value));
        }

        @ParameterizedTest
        @ValueSource(doubles = {-273.16, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        void impossibleTemperatureIsRejected(double value) {
            assertRejected("cpuTemperatureCelsius", () -> MetricsSnapshot.builder(T).cpuTemperatureCelsius(value));
        }

        @Test
        void negativeRamUsedIsRejected() {
            assertRejected("ramUsedBytes", () -> MetricsSnapshot.builder(T).ramUsedBytes(-1));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void nonPositiveRamTotalIsRejected(long value) {
            assertRejected("ramTotalBytes", () -> MetricsSnapshot.builder(T).ramTotalBytes(value));
        }

        @Test
        void negativeFanSpeedsAreRejected() {
            assertRejected("fanSpeedsRpm", () -> MetricsSnapshot.builder(T).addFanSpeedRpm(-1));
            assertRejected("fanSpeedsRpm", () -> MetricsSnapshot.builder(T).fanSpeedsRpm(List.of(10, -1)));
            assertRejected("fanSpeedsRpm", () -> MetricsSnapshot.builder(T).fanSpeedsRpm(Arrays.asList(10, null)));
        }

        @Test
        void ramUsedAboveTotalIsRejectedAtBuildNamingBoth() {
            MetricsSnapshot.Builder b = MetricsSnapshot.builder(T).ramTotalBytes(10).ramUsedBytes(11);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertTrue(e.getMessage().contains("ramUsedBytes") && e.getMessage().contains("ramTotalBytes"),
                    e.getMessage());
        }

        @Test
        void nullTimestampIsRejectedByName() {
            NullPointerException e = assertThrows(NullPointerException.class, () -> MetricsSnapshot.builder(null));
            assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
            NullPointerException e2 = assertThrows(NullPointerException.class, () -> full().timestamp(null));
            assertTrue(e2.getMessage().contains("timestamp"), e2.getMessage());
        }

        @Test
        void aRejectedValueLeavesTheEarlierOneInPlace() {
            MetricsSnapshot.Builder b = MetricsSnapshot.builder(T).cpuUsagePercent(40).addFanSpeedRpm(1000);
            assertThrows(IllegalArgumentException.class, () -> b.cpuUsagePercent(140));
            assertThrows(IllegalArgumentException.class, () -> b.fanSpeedsRpm(List.of(-3)));
            MetricsSnapshot s = b.build();
            assertEquals(OptionalDouble.of(40), s.cpuUsagePercent());
            assertEquals(List.of(1000), s.fanSpeedsRpm());
        }
    }

    @Nested
    class Immutability {

        @Test
        void fanListCannotBeModified() {
            MetricsSnapshot s = full().build();
            assertThrows(UnsupportedOperationException.class, () -> s.fanSpeedsRpm().add(1));
            assertThrows(UnsupportedOperationException.class, () -> s.fanSpeedsRpm().set(0, 1));
            assertThrows(UnsupportedOperationException.class, () -> s.fanSpeedsRpm().clear());
        }

        @Test
        void usingTheBuilderAfterBuildDoesNotChangeTheSnapshot() {
            MetricsSnapshot.Builder b = full();
            MetricsSnapshot s = b.build();
            MetricsSnapshot copy = full().build();
            b.addFanSpeedRpm(3000).cpuUsagePercent(99).ramTotalBytes(9_000).timestamp(T.plusSeconds(1));
            assertEquals(copy, s);
            assertEquals(List.of(1200, 1800), s.fanSpeedsRpm());
        }

        @Test
        void changingTheListPassedInDoesNotChangeTheSnapshot() {
            List<Integer> fans = new ArrayList<>(List.of(1000, 1100));
            MetricsSnapshot s = MetricsSnapshot.builder(T).fanSpeedsRpm(fans).build();
            fans.add(5000);
            fans.set(0, 1);
            assertEquals(List.of(1000, 1100), s.fanSpeedsRpm());
        }

        @Test
        void changingABuilderFromToBuilderDoesNotChangeTheOriginal() {
            MetricsSnapshot original = full().build();
            original.toBuilder().addFanSpeedRpm(4000).cpuTemperatureCelsius(90).build();
            assertEquals(full().build(), original);
        }
    }

    @Nested
    class Identity {

        @Test
        void equalValuesAreEqualWithEqualHashCodes() {
            MetricsSnapshot a = full().build();
            MetricsSnapshot b = full().build();
            assertEquals(a, b);
            assertEquals(b, a);
            assertEquals(a.hashCode(), b.hashCode());
            assertEquals(a, a);
        }

        @Test
        void notEqualToNullOrOtherTypes() {
            MetricsSnapshot a = full().build();
            assertNotEquals(null, a);
            assertNotEquals(a, "snapshot");
        }

        static Stream<Arguments> changes() {
            return Stream.of(
                    Arguments.of("timestamp", (Consumer<MetricsSnapshot.Builder>) b -> b.timestamp(T.plusNanos(1))),
                    Arguments.of("cpuUsagePercent", (Consumer<MetricsSnapshot.Builder>) b -> b.cpuUsagePercent(12.6)),
                    Arguments.of("cpuFrequencyMhz", (Consumer<MetricsSnapshot.Builder>) b -> b.cpuFrequencyMhz(2401)),
                    Arguments.of("cpuTemperatureCelsius",
                            (Consumer<MetricsSnapshot.Builder>) b -> b.cpuTemperatureCelsius(48.3)),
                    Arguments.of("ramUsedBytes", (Consumer<MetricsSnapshot.Builder>) b -> b.ramUsedBytes(3_001)),
                    Arguments.of("ramTotalBytes", (Consumer<MetricsSnapshot.Builder>) b -> b.ramTotalBytes(8_001)),
                    Arguments.of("fanSpeedsRpm order",
                            (Consumer<MetricsSnapshot.Builder>) b -> b.fanSpeedsRpm(List.of(1800, 1200))),
                    Arguments.of("fanSpeedsRpm count",
                            (Consumer<MetricsSnapshot.Builder>) b -> b.addFanSpeedRpm(0)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("changes")
        void aDifferenceInAnyFieldMakesSnapshotsUnequal(String field, Consumer<MetricsSnapshot.Builder> change) {
            MetricsSnapshot.Builder changed = full();
            change.accept(changed);
            assertNotEquals(full().build(), changed.build(), field);
        }

        @Test
        void anAbsentValueDiffersFromAnyPresentOne() {
            MetricsSnapshot withoutTemperature = MetricsSnapshot.builder(T).build();
            MetricsSnapshot zeroDegrees = MetricsSnapshot.builder(T).cpuTemperatureCelsius(0).build();
            assertNotEquals(withoutTemperature, zeroDegrees);
        }

        @Test
        void toStringShowsAbsentValuesAsAbsentNotZero() {
            String text = MetricsSnapshot.builder(T).cpuUsagePercent(7.5).build().toString();
            assertTrue(text.contains("cpuUsagePercent=7.5"), text);
            assertTrue(text.contains("cpuTemperatureCelsius=absent"), text);
            assertTrue(text.contains("ramTotalBytes=absent"), text);
        }
    }

    @Nested
    class Copies {

        @Test
        void withTimestampChangesOnlyTheTimestamp() {
            MetricsSnapshot original = full().build();
            Instant later = T.plusSeconds(60);
            MetricsSnapshot moved = original.withTimestamp(later);
            assertEquals(later, moved.timestamp());
            assertEquals(original.cpuUsagePercent(), moved.cpuUsagePercent());
            assertEquals(original.cpuFrequencyMhz(), moved.cpuFrequencyMhz());
            assertEquals(original.cpuTemperatureCelsius(), moved.cpuTemperatureCelsius());
            assertEquals(original.ramUsedBytes(), moved.ramUsedBytes());
            assertEquals(original.ramTotalBytes(), moved.ramTotalBytes());
            assertEquals(original.fanSpeedsRpm(), moved.fanSpeedsRpm());
            assertEquals(original, moved.withTimestamp(T), "moving back must round-trip");
            assertEquals(T, original.timestamp(), "the original is unchanged");
        }

        @Test
        void toBuilderRoundTrips() {
            MetricsSnapshot original = full().build();
            assertEquals(original, original.toBuilder().build());
            MetricsSnapshot empty = MetricsSnapshot.builder(T).build();
            assertEquals(empty, empty.toBuilder().build());
        }

        @Test
        void toBuilderKeepsTheValuesItDoesNotChange() {
            MetricsSnapshot changed = full().build().toBuilder().cpuUsagePercent(80).build();
            assertEquals(OptionalDouble.of(80), changed.cpuUsagePercent());
            assertEquals(full().build().fanSpeedsRpm(), changed.fanSpeedsRpm());
            assertEquals(OptionalLong.of(8_000), changed.ramTotalBytes());
        }
    }
}
