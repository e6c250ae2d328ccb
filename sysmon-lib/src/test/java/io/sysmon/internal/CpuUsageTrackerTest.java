package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuUsageTrackerTest {

    private static final double EPSILON = 1e-9;

    private static CpuTicks ticks(long user, long system, long idle, long iowait) {
        return new CpuTicks(user, 0, system, idle, iowait, 0, 0, 0);
    }

    @Test
    void firstUpdateIsTheAverageSinceBoot() {
        // busy = user + system = 300; total = 300 + idle 600 + iowait 100 = 1000.
        assertEquals(30.0, new CpuUsageTracker().update(ticks(200, 100, 600, 100)).getAsDouble(), EPSILON);
    }

    @Test
    void laterUpdatesCoverTheInterval() {
        CpuUsageTracker tracker = new CpuUsageTracker();
        tracker.update(ticks(200, 100, 600, 100));
        // +50 user, +150 idle, +0 iowait: 50 / 200.
        assertEquals(25.0, tracker.update(ticks(250, 100, 750, 100)).getAsDouble(), EPSILON);
    }

    @Test
    void zeroTickIntervalRepeatsThePreviousValue() {
        CpuUsageTracker tracker = new CpuUsageTracker();
        tracker.update(ticks(200, 100, 600, 100));
        double previous = tracker.update(ticks(250, 100, 750, 100)).getAsDouble();
        assertEquals(previous, tracker.update(ticks(250, 100, 750, 100)).getAsDouble(), EPSILON);
    }

    @Test
    void countersGoingBackwardsAreClampedPerField() {
        CpuUsageTracker tracker = new CpuUsageTracker();
        tracker.update(ticks(200, 100, 600, 100));
        // Hotplug lowered idle and iowait but user rose by 100: negative deltas count as 0, so 100 / 100.
        assertEquals(100.0, tracker.update(ticks(300, 100, 10, 5)).getAsDouble(), EPSILON);
        // Everything lower: no positive delta at all, repeat.
        assertEquals(100.0, tracker.update(ticks(1, 1, 1, 1)).getAsDouble(), EPSILON);
        // And measure on from the lowered counters: +1 system, +3 idle.
        assertEquals(25.0, tracker.update(ticks(1, 2, 4, 1)).getAsDouble(), EPSILON);
    }

    @Test
    void noTicksEverIsEmpty() {
        CpuUsageTracker tracker = new CpuUsageTracker();
        assertEquals(OptionalDouble.empty(), tracker.update(ticks(0, 0, 0, 0)));
        assertEquals(OptionalDouble.empty(), tracker.update(ticks(0, 0, 0, 0)));
    }

    @Test
    void allIdleIsZeroAndAllBusyIsHundred() {
        CpuUsageTracker tracker = new CpuUsageTracker();
        assertEquals(0.0, tracker.update(ticks(0, 0, 500, 0)).getAsDouble(), EPSILON);
        assertEquals(100.0, tracker.update(ticks(100, 0, 500, 0)).getAsDouble(), EPSILON);
        OptionalDouble usage = tracker.update(ticks(Long.MAX_VALUE / 4, 0, 500, 0));
        assertTrue(usage.getAsDouble() >= 0 && usage.getAsDouble() <= 100);
    }

    /** Usage over the interval from {@code previous} to {@code current}, as a sampler sees it. */
    private static OptionalDouble interval(CpuTicks previous, CpuTicks current) {
        CpuUsageTracker tracker = new CpuUsageTracker();
        tracker.update(previous);
        return tracker.update(current);
    }

    /** Hand-computed cases over all eight counters, as OSHI and {@code /proc/stat} both deliver them. */
    @Nested
    class AllEightCounters {

        @Test
        void intervalUsageIsBusyTicksOverAllTicks() {
            CpuTicks previous = new CpuTicks(100, 10, 50, 800, 40, 0, 0, 0);
            CpuTicks current = new CpuTicks(160, 10, 80, 1050, 50, 0, 10, 0);
            // Deltas: user 60, system 30, idle 250, iowait 10, softirq 10 -> total 360, busy 100.
            assertEquals(100.0 * 100 / 360, interval(previous, current).getAsDouble(), EPSILON);
        }

        @Test
        void firstUpdateIsTheAverageSinceBoot() {
            // busy 400 of 2000
            assertEquals(20.0,
                    new CpuUsageTracker().update(new CpuTicks(300, 0, 100, 1500, 100, 0, 0, 0)).getAsDouble(),
                    EPSILON);
        }

        @Test
        void ioWaitCountsAsIdleAndStealAsBusy() {
            CpuTicks zero = new CpuTicks(0, 0, 0, 0, 0, 0, 0, 0);
            assertEquals(25.0, interval(zero, new CpuTicks(0, 0, 0, 50, 25, 0, 0, 25)).getAsDouble(), EPSILON);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
        void everyCounterButIdleAndIowaitIsBusy(int counter) {
            long[] ticks = {0, 0, 0, 100, 0, 0, 0, 0};
            ticks[counter] += 100;
            CpuTicks now = new CpuTicks(ticks[0], ticks[1], ticks[2], ticks[3], ticks[4], ticks[5], ticks[6],
                    ticks[7]);
            // Counter 3 is idle and 4 iowait, in /proc/stat's order (and OSHI's TickType order).
            double expected = counter == 3 || counter == 4 ? 0.0 : 50.0;
            assertEquals(expected, new CpuUsageTracker().update(now).getAsDouble(), EPSILON, "counter " + counter);
        }

        @Test
        void aCounterThatWentBackwardsCountsAsNoTicks() {
            CpuTicks previous = new CpuTicks(100, 0, 0, 100, 50, 0, 0, 0);
            CpuTicks current = new CpuTicks(130, 0, 0, 170, 40, 0, 0, 0);
            // user +30, idle +70, iowait -10 -> taken as 0: 30 of 100, not 30 of 90.
            assertEquals(30.0, interval(previous, current).getAsDouble(), EPSILON);
        }

        @Test
        void allIdleIsZeroAndAllBusyIsOneHundred() {
            CpuTicks start = new CpuTicks(10, 10, 10, 10, 10, 10, 10, 10);
            assertEquals(0.0, interval(start, new CpuTicks(10, 10, 10, 90, 30, 10, 10, 10)).getAsDouble());
            assertEquals(100.0, interval(start, new CpuTicks(20, 20, 20, 10, 10, 20, 20, 20)).getAsDouble());
        }

        @Test
        void noElapsedTickRepeatsThePreviousValueAndNoTickEverIsEmpty() {
            CpuUsageTracker tracker = new CpuUsageTracker();
            CpuTicks same = new CpuTicks(1, 2, 3, 4, 5, 6, 7, 8);
            // Since boot: busy 1 + 2 + 3 + 6 + 7 + 8 = 27 of 36.
            assertEquals(75.0, tracker.update(same).getAsDouble(), EPSILON);
            assertEquals(75.0, tracker.update(new CpuTicks(1, 2, 3, 4, 5, 6, 7, 8)).getAsDouble(), EPSILON);

            CpuTicks zero = new CpuTicks(0, 0, 0, 0, 0, 0, 0, 0);
            assertEquals(OptionalDouble.empty(), interval(zero, zero));
        }
    }
}
