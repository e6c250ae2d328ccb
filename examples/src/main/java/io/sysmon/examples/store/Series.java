package io.sysmon.examples.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One numeric measure of one device: times (epoch milliseconds, strictly increasing) and values in two growable
 * primitive arrays. Readers share a read lock; the writer takes the write lock only to append or insert one point.
 *
 * <p>The gap rule: a series' usual interval is the median of the intervals between its points in and around the
 * window; two consecutive points further apart than {@value #GAP_FACTOR} times that get a {@code null} point
 * between them, halfway. When the window is averaged into buckets, a gap is only drawn where at least one bucket
 * is empty, so a bucketed series never has more points than buckets.
 */
final class Series {

    /** How many usual intervals without a point make a gap. */
    static final int GAP_FACTOR = 3;
    /** Intervals looked at outside the window, so that a small window still knows its usual interval. */
    private static final int CONTEXT = 32;
    /** At most this many intervals are sampled for the median. */
    private static final int MEDIAN_SAMPLE = 1025;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long[] times = new long[64];
    private double[] values = new double[64];
    private int size;

    /** Adds a point; a point at an existing time replaces that point's value. */
    void put(long time, double value) {
        lock.writeLock().lock();
        try {
            if (size == 0 || time > times[size - 1]) {
                grow();
                times[size] = time;
                values[size] = value;
                size++;
                return;
            }
            int i = Arrays.binarySearch(times, 0, size, time);
            if (i >= 0) {
                values[i] = value;
                return;
            }
            int at = -i - 1;
            grow();
            System.arraycopy(times, at, times, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            times[at] = time;
            values[at] = value;
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void grow() {
        if (size == times.length) {
            int capacity = times.length + (times.length >> 1);
            times = Arrays.copyOf(times, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }

    /**
     * @param from the window's start, epoch milliseconds, inclusive
     * @param to its end, inclusive
     * @param maxPoints the most points to return, at least 2
     * @return the window's points, oldest first, with {@code null} points in gaps, averaged into at most
     *     {@code maxPoints} buckets when there are more; empty when the window holds no point
     */
    List<SeriesPoint> points(long from, long to, int maxPoints) {
        lock.readLock().lock();
        try {
            int lo = lowerBound(from);
            int hi = lowerBound(to == Long.MAX_VALUE ? to : to + 1);
            if (hi <= lo) {
                return List.of();
            }
            long gap = gapThreshold(lo, hi);
            int gaps = 0;
            for (int i = lo + 1; i < hi; i++) {
                if (times[i] - times[i - 1] > gap) {
                    gaps++;
                }
            }
            if (hi - lo + gaps <= maxPoints) {
                return raw(lo, hi, gap, gaps);
            }
            return bucketed(lo, hi, gap, maxPoints);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<SeriesPoint> raw(int lo, int hi, long gap, int gaps) {
        List<SeriesPoint> points = new ArrayList<>(hi - lo + gaps);
        for (int i = lo; i < hi; i++) {
            if (i > lo && times[i] - times[i - 1] > gap) {
                points.add(new SeriesPoint(times[i - 1] + (times[i] - times[i - 1]) / 2, null));
            }
            points.add(new SeriesPoint(times[i], values[i]));
        }
        return points;
    }

    /**
     * Averages the points into {@code buckets} equal spans of time from the first point to the last; each
     * bucket's point has the mean time and mean value of its points.
     */
    private List<SeriesPoint> bucketed(int lo, int hi, long gap, int buckets) {
        long first = times[lo];
        long width = (times[hi - 1] - first) / buckets + 1;
        List<SeriesPoint> points = new ArrayList<>(buckets);
        long bucket = -1;
        long previousBucket = -1;
        long previousTime = 0;
        long timeSum = 0;
        double valueSum = 0;
        int count = 0;
        for (int i = lo; i < hi; i++) {
            long b = (times[i] - first) / width;
            if (b != bucket) {
                if (count > 0) {
                    points.add(new SeriesPoint(first + timeSum / count, valueSum / count));
                    previousBucket = bucket;
                }
                if (previousBucket >= 0 && b > previousBucket + 1 && times[i] - previousTime > gap) {
                    long last = points.get(points.size() - 1).epochMillis();
                    points.add(new SeriesPoint(last + (times[i] - last) / 2, null));
                }
                bucket = b;
                timeSum = 0;
                valueSum = 0;
                count = 0;
            }
            timeSum += times[i] - first;
            valueSum += values[i];
            count++;
            previousTime = times[i];
        }
        points.add(new SeriesPoint(first + timeSum / count, valueSum / count));
        return points;
    }

    /** @return {@value #GAP_FACTOR} times the median interval around {@code [lo, hi)}, at least 1 ms */
    private long gapThreshold(int lo, int hi) {
        int a = Math.max(1, lo - CONTEXT);
        int b = Math.min(size - 1, hi + CONTEXT);
        int intervals = b - a + 1;
        if (intervals <= 0) {
            return Long.MAX_VALUE;
        }
        int n = Math.min(intervals, MEDIAN_SAMPLE);
        long[] sample = new long[n];
        for (int k = 0; k < n; k++) {
            int i = a + (int) ((long) k * intervals / n);
            sample[k] = times[i] - times[i - 1];
        }
        Arrays.sort(sample);
        long median = Math.max(1, sample[n / 2]);
        return median > Long.MAX_VALUE / GAP_FACTOR ? Long.MAX_VALUE : median * GAP_FACTOR;
    }

    /** @return the index of the first point at or after {@code time} */
    private int lowerBound(long time) {
        int i = Arrays.binarySearch(times, 0, size, time);
        return i >= 0 ? i : -i - 1;
    }
}
