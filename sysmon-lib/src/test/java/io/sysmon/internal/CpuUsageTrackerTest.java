package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

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
}
