package io.sysmon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The flat, ordered field map a device reports in its shadow, with the tutorial's field names.
 *
 * <table>
 *   <caption>Payload fields, in order</caption>
 *   <tr><th>field</th><th>type</th><th>unit</th><th>from</th></tr>
 *   <tr><td>{@code cpu_usage}</td><td>decimal ({@link Double}), 0.1 steps</td><td>%</td>
 *       <td>{@link MetricsSnapshot#cpuUsagePercent()}</td></tr>
 *   <tr><td>{@code cpu_freq}</td><td>integer ({@link Long})</td><td>MHz</td>
 *       <td>{@link MetricsSnapshot#cpuFrequencyMhz()}, rounded</td></tr>
 *   <tr><td>{@code cpu_temp}</td><td>decimal ({@link Double}), 0.1 steps</td><td>°C</td>
 *       <td>{@link MetricsSnapshot#cpuTemperatureCelsius()}</td></tr>
 *   <tr><td>{@code ram_usage}</td><td>integer ({@link Long})</td><td>bytes</td>
 *       <td>{@link MetricsSnapshot#ramUsedBytes()}</td></tr>
 *   <tr><td>{@code ram_total}</td><td>integer ({@link Long})</td><td>bytes</td>
 *       <td>{@link MetricsSnapshot#ramTotalBytes()}</td></tr>
 *   <tr><td>{@code fan_speed}</td><td>integer ({@link Long})</td><td>rpm</td>
 *       <td>{@link MetricsSnapshot#fastestFanRpm()}</td></tr>
 *   <tr><td>{@code timestamp}</td><td>integer ({@link Long})</td><td>seconds since the epoch</td>
 *       <td>{@link MetricsSnapshot#timestamp()}, truncated</td></tr>
 * </table>
 *
 * <p>A field whose metric is empty in the snapshot is left out of the map; it is never written as 0. Decimals
 * are always {@link Double} (so a JSON writer emits {@code 10.0}, not {@code 10}) and integers always
 * {@link Long}. Instances are immutable and thread-safe.
 */
public final class MetricsPayload {

    /** CPU usage in %, a decimal. */
    public static final String CPU_USAGE = "cpu_usage";
    /** Mean CPU frequency in MHz, an integer. */
    public static final String CPU_FREQ = "cpu_freq";
    /** CPU temperature in °C, a decimal. */
    public static final String CPU_TEMP = "cpu_temp";
    /** RAM in use in bytes, an integer. */
    public static final String RAM_USAGE = "ram_usage";
    /** Installed RAM in bytes, an integer. */
    public static final String RAM_TOTAL = "ram_total";
    /** The fastest fan's speed in rpm, an integer. */
    public static final String FAN_SPEED = "fan_speed";
    /** When the snapshot was taken, in whole seconds since the epoch. */
    public static final String TIMESTAMP = "timestamp";

    /** Every field name, in payload order. */
    public static final List<String> FIELD_NAMES =
            List.of(CPU_USAGE, CPU_FREQ, CPU_TEMP, RAM_USAGE, RAM_TOTAL, FAN_SPEED, TIMESTAMP);

    private final Map<String, Number> fields;

    private MetricsPayload(Map<String, Number> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    /**
     * Converts a snapshot to its payload.
     *
     * @param snapshot the reading
     * @return its payload
     */
    public static MetricsPayload from(MetricsSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        Map<String, Number> map = new LinkedHashMap<>(12);
        snapshot.cpuUsagePercent().ifPresent(v -> map.put(CPU_USAGE, tenths(v)));
        snapshot.cpuFrequencyMhz().ifPresent(v -> map.put(CPU_FREQ, Math.round(v)));
        snapshot.cpuTemperatureCelsius().ifPresent(v -> map.put(CPU_TEMP, tenths(v)));
        snapshot.ramUsedBytes().ifPresent(v -> map.put(RAM_USAGE, v));
        snapshot.ramTotalBytes().ifPresent(v -> map.put(RAM_TOTAL, v));
        snapshot.fastestFanRpm().ifPresent(v -> map.put(FAN_SPEED, (long) v));
        map.put(TIMESTAMP, snapshot.timestamp().getEpochSecond());
        return new MetricsPayload(map);
    }

    /** @return the fields in payload order; unmodifiable; absent metrics are not keys */
    public Map<String, Number> fields() {
        return fields;
    }

    /** @return the epoch-second timestamp, always present */
    public long timestampSeconds() {
        return fields.get(TIMESTAMP).longValue();
    }

    private static double tenths(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricsPayload && fields.equals(((MetricsPayload) o).fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
