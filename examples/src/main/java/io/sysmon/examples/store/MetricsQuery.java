package io.sysmon.examples.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the local time-series store, as dashboards use it. Measures and the {@code device_id}
 * dimension are the ones the Timestream-style rule writes ({@code cpu_usage}, {@code cpu_temp}, ...).
 * Implementations are thread-safe.
 */
public interface MetricsQuery {

    /** @return every device that has written at least one record */
    Set<String> devices();

    /** @return every measure name written so far */
    Set<String> measures();

    /**
     * @param device a device id
     * @return the time of its newest record, or empty when it never wrote one
     */
    Optional<Instant> lastSeen(String device);

    /**
     * One series per device for a measure over a time window, oldest point first. A device that stopped sending
     * for longer than a few of its usual intervals gets a {@code null} point in the gap, so charts break the line
     * there. When a series would have more than {@code maxPoints} points it is averaged into that many buckets.
     *
     * @param measure the measure name
     * @param from the window's start, inclusive
     * @param to the window's end, inclusive
     * @param devices the devices to include; empty for all
     * @param maxPoints the most points per series, at least 2
     * @return device id to its points; devices without points in the window are left out
     */
    Map<String, List<SeriesPoint>> series(String measure, Instant from, Instant to, Set<String> devices,
            int maxPoints);
}
