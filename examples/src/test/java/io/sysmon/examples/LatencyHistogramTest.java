package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static long micros(long us) {
        return TimeUnit.MICROSECONDS.toNanos(us);
    }

    @Test
    void bucketsCoverEveryValueInOrderWithinThreePercent() {
        int previous = -1;
        for (long us = 0; us < 5_000_000; us = us < 200 ? us + 1 : us + us / 97) {
            int index = LatencyHistogram.index(us);
            assertTrue(index >= previous, "index went down at " + us);
            long high = LatencyHistogram.highestIn(index);
            assertTrue(us <= high, us + " above its bucket's bound " + high);
            assertTrue(high - us <= Math.max(0, us / 32), us + " too far from " + high);
            previous = index;
        }
        assertEquals(LatencyHistogram.index(Long.MAX_VALUE), LatencyHistogram.index(TimeUnit.DAYS.toMicros(100_000)));
    }

    @Test
    void percentilesOfAKnownSpread() {
        LatencyHistogram h = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(micros(ms * 1000L));
        }
        assertEquals(100, h.count());
        assertEquals(100_000, h.maxMicros());
        assertWithin(50_000, h.percentileMicros(50));
        assertWithin(90_000, h.percentileMicros(90));
        assertWithin(99_000, h.percentileMicros(99));
        assertEquals(100_000, h.percentileMicros(100));
        assertEquals(0, new LatencyHistogram().percentileMicros(99));
    }

    @Test
    void drainingMovesTheCountsAndStartsAfresh() {
        LatencyHistogram window = new LatencyHistogram();
        LatencyHistogram total = new LatencyHistogram();
        window.record(micros(10));
        window.record(micros(3_000));
        window.drainInto(total);
        window.record(micros(20));

        assertEquals(1, window.count());
        assertEquals(20, window.maxMicros());
        assertEquals(2, total.count());
        assertEquals(3_000, total.maxMicros());
        assertEquals(10, total.percentileMicros(50));
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected * 103 / 100, actual + " is not within 3 % above " + expected);
    }
}
