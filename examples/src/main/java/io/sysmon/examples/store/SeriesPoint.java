package io.sysmon.examples.store;

/**
 * One point of a chart series.
 *
 * @param epochMillis the point's time, milliseconds since the epoch
 * @param value the measure's value, or {@code null} for a gap (the device sent nothing for a while)
 */
public record SeriesPoint(long epochMillis, Double value) {
}
