package io.sysmon.examples.dashboard;

import io.sysmon.examples.store.MetricsQuery;
import io.sysmon.examples.store.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small in-memory {@link MetricsQuery} for the dashboard's tests, behaving as the contract says: a null point
 * in gaps longer than three intervals, and bucket averages when a series has more than {@code maxPoints}.
 * Records must be added in time order per device and measure. Thread-safe once filled.
 */
final class InMemoryMetrics implements MetricsQuery {

    private final long gapMillis;
    private final Map<String, Map<String, Column>> byMeasure = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    /** @param interval the devices' usual sampling interval; silences longer than three of them are gaps */
    InMemoryMetrics(Duration interval) {
        this.gapMillis = interval.toMillis() * 3;
    }

    synchronized InMemoryMetrics record(String device, String measure, Instant time, double value) {
        byMeasure.computeIfAbsent(measure, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(device, d -> new Column()).add(time.toEpochMilli(), value);
        lastSeen.merge(device, time, (a, b) -> a.isAfter(b) ? a : b);
        return this;
    }

    @Override
    public Set<String> devices() {
        return new TreeSet<>(lastSeen.keySet());
    }

    @Override
    public Set<String> measures() {
        return new TreeSet<>(byMeasure.keySet());
    }

    @Override
    public Optional<Instant> lastSeen(String device) {
        return Optional.ofNullable(lastSeen.get(device));
    }

    @Override
    public Map<String, List<SeriesPoint>> series(String measure, Instant from, Instant to, Set<String> devices,
            int maxPoints) {
        Map<String, List<SeriesPoint>> result = new LinkedHashMap<>();
        Map<String, Column> columns = byMeasure.getOrDefault(measure, Map.of());
        for (Map.Entry<String, Column> entry : new TreeMap<>(columns).entrySet()) {
            if (!devices.isEmpty() && !devices.contains(entry.getKey())) {
                continue;
            }
            List<SeriesPoint> points = entry.getValue().series(from.toEpochMilli(), to.toEpochMilli(), maxPoints);
            if (!points.isEmpty()) {
                result.put(entry.getKey(), points);
            }
        }
        return result;
    }

    private final class Column {
        long[] times = new long[64];
        double[] values = new double[64];
        int size;

        void add(long time, double value) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = time;
            values[size] = value;
            size++;
        }

        List<SeriesPoint> series(long from, long to, int maxPoints) {
            int start = lowerBound(from);
            int end = lowerBound(to + 1);
            List<SeriesPoint> points = new ArrayList<>();
            if (start >= end) {
                return points;
            }
            if (end - start <= maxPoints) {
                for (int i = start; i < end; i++) {
                    if (i > start && times[i] - times[i - 1] > gapMillis) {
                        points.add(new SeriesPoint(times[i - 1] + 1, null));
                    }
                    points.add(new SeriesPoint(times[i], values[i]));
                }
                return points;
            }
            // Buckets over the window; a bucket without records is a gap only if the silence is a real one.
            double width = (double) (to - from + 1) / maxPoints;
            int i = start;
            long previous = times[start];
            for (int b = 0; b < maxPoints && i < end; b++) {
                long bucketEnd = from + (long) Math.ceil((b + 1) * width);
                double sum = 0;
                int count = 0;
                long first = -1;
                while (i < end && times[i] < bucketEnd) {
                    if (first < 0) {
                        first = times[i];
                    }
                    sum += values[i];
                    count++;
                    i++;
                }
                if (count > 0) {
                    if (first - previous > gapMillis) {
                        points.add(new SeriesPoint(previous + 1, null));
                    }
                    points.add(new SeriesPoint(from + (long) (b * width), sum / count));
                    previous = times[i - 1];
                }
            }
            return points;
        }

        private int lowerBound(long time) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] < time) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
