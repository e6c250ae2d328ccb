package io.sysmon.examples;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in a fixed set of log-linear buckets of microseconds: exact below 64 µs, then 32 buckets per power
 * of two, so a percentile is within about 3 % of the truth whatever the count, in 9.5 KiB. Values of an hour or
 * more share the last bucket; the maximum is kept exactly. Thread-safe and lock-free for {@link #record(long)}.
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS; // 32
    private static final int LINEAR = 2 * SUB_BUCKETS; // 0..63 µs, one bucket each
    private static final int HIGHEST_BIT = 41; // 2^42 µs is 50 days; an hour is far below
    private static final int BUCKETS = LINEAR + (HIGHEST_BIT - SUB_BUCKET_BITS) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong maxMicros = new AtomicLong();

    /** @param nanos one latency; negative values count as 0 */
    void record(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        counts.incrementAndGet(index(micros));
        total.incrementAndGet();
        maxMicros.accumulateAndGet(micros, Math::max);
    }

    /** @return how many latencies were recorded */
    long count() {
        return total.get();
    }

    /** @return the largest latency recorded, in µs; 0 when none */
    long maxMicros() {
        return maxMicros.get();
    }

    /**
     * @param percent from 0 to 100, e.g. 99
     * @return the smallest bucket bound that at least {@code percent} % of the latencies do not exceed, in µs
     *     (never more than {@link #maxMicros()}); 0 when none were recorded
     */
    long percentileMicros(double percent) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highestIn(i), maxMicros.get());
            }
        }
        return maxMicros.get();
    }

    /**
     * Moves everything recorded here into {@code into} and starts afresh; for windows of a running total. Values
     * recorded meanwhile land in one or the other, never in neither.
     *
     * @param into the histogram that takes the counts
     */
    void drainInto(LatencyHistogram into) {
        long moved = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long c = counts.getAndSet(i, 0);
            if (c != 0) {
                into.counts.addAndGet(i, c);
                moved += c;
            }
        }
        total.addAndGet(-moved);
        into.total.addAndGet(moved);
        into.maxMicros.accumulateAndGet(maxMicros.getAndSet(0), Math::max);
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int bit = 63 - Long.numberOfLeadingZeros(micros);
        if (bit > HIGHEST_BIT) {
            return BUCKETS - 1;
        }
        int shift = bit - SUB_BUCKET_BITS;
        int sub = (int) (micros >>> shift) - SUB_BUCKETS; // 0..31
        return LINEAR + (bit - SUB_BUCKET_BITS - 1) * SUB_BUCKETS + sub;
    }

    static long highestIn(int index) {
        if (index < LINEAR) {
            return index;
        }
        int k = index - LINEAR;
        int bit = k / SUB_BUCKETS + SUB_BUCKET_BITS + 1;
        int shift = bit - SUB_BUCKET_BITS;
        long top = SUB_BUCKETS + k % SUB_BUCKETS;
        return ((top + 1) << shift) - 1;
    }
}
