package io.sysmon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsPayloadTest {

    private static final Instant T = Instant.parse("2024-01-02T03:04:05.999Z");
    private static final long T_SECONDS = 1_704_164_645L;

    private static MetricsSnapshot.Builder full() {
        return MetricsSnapshot.builder(T)
                .cpuUsagePercent(10)
                .cpuFrequencyMhz(2400.4)
                .cpuTemperatureCelsius(48)
                .ramUsedBytes(3_000_000_000L)
                .ramTotalBytes(8_000_000_000L)
                .fanSpeedsRpm(List.of(900, 2100, 1500));
    }

    private static Map<String, Number> fields(MetricsSnapshot.Builder b) {
        return MetricsPayload.from(b.build()).fields();
    }

    @Test
    void fieldsComeInTheTutorialsOrder() {
        List<String> expected =
                List.of("cpu_usage", "cpu_freq", "cpu_temp", "ram_usage", "ram_total", "fan_speed", "timestamp");
        assertEquals(expected, MetricsPayload.FIELD_NAMES);
        assertEquals(expected, new ArrayList<>(fields(full()).keySet()));
    }

    @Test
    void valuesAndTypesOfAFullSnapshot() {
        Map<String, Number> f = fields(full());
        // Doubles stay doubles when whole, so a JSON writer emits 10.0 and Timestream sees one type.
        assertEquals(Double.valueOf(10.0), f.get("cpu_usage"));
        assertEquals(Long.valueOf(2400), f.get("cpu_freq"));
        assertEquals(Double.valueOf(48.0), f.get("cpu_temp"));
        assertEquals(Long.valueOf(3_000_000_000L), f.get("ram_usage"));
        assertEquals(Long.valueOf(8_000_000_000L), f.get("ram_total"));
        assertEquals(Long.valueOf(2100), f.get("fan_speed"), "the fastest fan, wherever it is in the list");
        assertEquals(Long.valueOf(T_SECONDS), f.get("timestamp"));
    }

    @Test
    void timestampIsEpochSecondsTruncatedNotRounded() {
        MetricsPayload p = MetricsPayload.from(MetricsSnapshot.builder(T).build());
        assertEquals(T_SECONDS, p.timestampSeconds(), ".999 s must not round up");
        assertEquals(Long.valueOf(T_SECONDS), p.fields().get(MetricsPayload.TIMESTAMP));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "12.34, 12.3",
        "12.35, 12.4",
        "12.25, 12.3",
        "0.05, 0.1",
        "0.04, 0.0",
        "99.95, 100.0",
        "99.94, 99.9",
        "0, 0.0",
        "100, 100.0",
    })
    void cpuUsageIsRoundedHalfUpToTenths(double percent, double expected) {
        assertEquals(Double.valueOf(expected), fields(MetricsSnapshot.builder(T).cpuUsagePercent(percent))
                .get(MetricsPayload.CPU_USAGE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "45.25, 45.3",
        "45.24, 45.2",
        "0.0, 0.0",
        // Half away from zero, as BigDecimal's HALF_UP rounds.
        "-5.25, -5.3",
        "-0.04, 0.0",
    })
    void temperatureIsRoundedHalfUpToTenths(double celsius, double expected) {
        assertEquals(Double.valueOf(expected), fields(MetricsSnapshot.builder(T).cpuTemperatureCelsius(celsius))
                .get(MetricsPayload.CPU_TEMP));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2400.5, 2401", "2400.49, 2400", "599.9, 600", "1, 1"})
    void frequencyIsRoundedToWholeMhz(double mhz, long expected) {
        assertEquals(Long.valueOf(expected),
                fields(MetricsSnapshot.builder(T).cpuFrequencyMhz(mhz)).get(MetricsPayload.CPU_FREQ));
    }

    @Test
    void aSnapshotWithNoMetricsHasOnlyATimestamp() {
        assertEquals(Map.of(MetricsPayload.TIMESTAMP, T_SECONDS), fields(MetricsSnapshot.builder(T)));
    }

    static Stream<Arguments> absences() {
        return Stream.of(
                Arguments.of(MetricsPayload.CPU_USAGE, (UnaryOperator<MetricsSnapshot.Builder>) b ->
                        MetricsSnapshot.builder(T).cpuFrequencyMhz(2400.4).cpuTemperatureCelsius(48)
                                .ramUsedBytes(3_000_000_000L).ramTotalBytes(8_000_000_000L)
                                .fanSpeedsRpm(List.of(900, 2100, 1500))),
                Arguments.of(MetricsPayload.CPU_FREQ, (UnaryOperator<MetricsSnapshot.Builder>) b ->
                        MetricsSnapshot.builder(T).cpuUsagePercent(10).cpuTemperatureCelsius(48)
                                .ramUsedBytes(3_000_000_000L).ramTotalBytes(8_000_000_000L)
                                .fanSpeedsRpm(List.of(900, 2100, 1500))),
                Arguments.of(MetricsPayload.CPU_TEMP, (UnaryOperator<MetricsSnapshot.Builder>) b ->
                        MetricsSnapshot.builder(T).cpuUsagePercent(10).cpuFrequencyMhz(2400.4)
                                .ramUsedBytes(3_000_000_000L).ramTotalBytes(8_000_000_000L)
                                .fanSpeedsRpm(List.of(900, 2100, 1500))),
                Arguments.of(MetricsPayload.RAM_USAGE, (UnaryOperator<MetricsSnapshot.Builder>) b ->
                        MetricsSnapshot.builder(T).cpuUsagePercent(10).cpuFrequencyMhz(2400.4)
                                .cpuTemperatureCelsius(48).ramTotalBytes(8_000_000_000L)
                                .fanSpeedsRpm(List.of(900, 2100, 1500))),
                Arguments.of(MetricsPayload.RAM_TOTAL, (UnaryOperator<MetricsSnapshot.Builder>) b ->
                        MetricsSnapshot.builder(T).cpuUsagePercent(10).cpuFrequencyMhz(2400.4)
                                .cpuTemperatureCelsius(48).ramUsedBytes(3_000_000_000L)
                                .fanSpeedsRpm(List.of(900, 2100, 1500))),
                Arguments.of(MetricsPayload.FAN_SPEED, (UnaryOperator<MetricsSnapshot.Builder>) b ->
                        b.fanSpeedsRpm(List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absences")
    void anAbsentMetricIsAnAbsentKeyAndTheOthersStay(String field, UnaryOperator<MetricsSnapshot.Builder> without) {
        Map<String, Number> f = fields(without.apply(full()));
        assertFalse(f.containsKey(field), field + " must be left out, not written as 0: " + f);
        List<String> expected = new ArrayList<>(MetricsPayload.FIELD_NAMES);
        expected.remove(field);
        assertEquals(expected, new ArrayList<>(f.keySet()));
    }

    @Test
    void realZeroReadingsAreKept() {
        Map<String, Number> f = fields(MetricsSnapshot.builder(T).cpuUsagePercent(0).cpuTemperatureCelsius(0)
                .ramUsedBytes(0).addFanSpeedRpm(0));
        assertEquals(Double.valueOf(0.0), f.get(MetricsPayload.CPU_USAGE));
        assertEquals(Double.valueOf(0.0), f.get(MetricsPayload.CPU_TEMP));
        assertEquals(Long.valueOf(0), f.get(MetricsPayload.RAM_USAGE));
        assertEquals(Long.valueOf(0), f.get(MetricsPayload.FAN_SPEED), "a stopped fan is a reading");
    }

    @Test
    void fieldsCannotBeModified() {
        Map<String, Number> f = fields(full());
        assertThrows(UnsupportedOperationException.class, () -> f.put("cpu_usage", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> f.remove("timestamp"));
    }

    @Test
    void payloadsAreEqualWhenTheirRoundedFieldsAre() {
        MetricsPayload a = MetricsPayload.from(full().cpuUsagePercent(12.31).build());
        MetricsPayload b = MetricsPayload.from(full().cpuUsagePercent(12.34).build());
        MetricsPayload c = MetricsPayload.from(full().cpuUsagePercent(12.36).build());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertEquals(a.fields().toString(), a.toString());
    }

    @Test
    void nullSnapshotIsRejected() {
        assertThrows(NullPointerException.class, () -> MetricsPayload.from(null));
    }
}
