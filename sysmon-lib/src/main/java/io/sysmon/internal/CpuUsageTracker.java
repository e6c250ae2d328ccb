package io.sysmon.internal;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Turns successive tick counts into CPU usage, without sleeping between two reads. Both samplers use it: the sysfs
 * one with {@code /proc/stat}'s aggregate line, the OSHI one with OSHI's system tick counters.
 *
 * <p>The first update reports the average since boot (the ticks themselves are the delta from zero), as
 * vmstat's first line does; each later one reports the interval since the previous update. Usage is
 * {@code busy / total} over the interval, where idle time includes iowait.
 *
 * <p>When an interval holds no ticks (two updates within one tick) or the counters went backwards (CPU hotplug
 * can lower the aggregate), the previous usage is repeated: there is nothing new to report, and a made-up 0
 * would read as an idle machine. Each counter's negative delta counts as 0, and the next interval is measured
 * from the lowered counters.
 *
 * <p>Not thread-safe: the caller serialises {@link #update(CpuTicks)}, and reads the ticks it passes under the
 * same lock, so that updates arrive in the order the counters were read and no interval is measured against a
 * newer reading than its own.
 */
public final class CpuUsageTracker {

    // All zero, so the first update measures everything since boot with the same arithmetic as any interval.
    private CpuTicks previous = new CpuTicks(0, 0, 0, 0, 0, 0, 0, 0);
    private OptionalDouble lastUsage = OptionalDouble.empty();

    /**
     * @param now the latest tick counts
     * @return CPU usage in %, 0..100, or empty while no interval has held a tick
     */
    public OptionalDouble update(CpuTicks now) {
        Objects.requireNonNull(now, "now");
        long idle = delta(previous.idle(), now.idle()) + delta(previous.iowait(), now.iowait());
        long busy = delta(previous.user(), now.user()) + delta(previous.nice(), now.nice())
                + delta(previous.system(), now.system()) + delta(previous.irq(), now.irq())
                + delta(previous.softirq(), now.softirq()) + delta(previous.steal(), now.steal());
        long total = busy + idle;
        previous = now;
        if (total > 0) {
            double percent = 100.0 * busy / total;
            lastUsage = OptionalDouble.of(Math.max(0, Math.min(100, percent)));
        }
        return lastUsage;
    }

    private static long delta(long before, long after) {
        return Math.max(0, after - before);
    }
}
