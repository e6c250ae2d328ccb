package io.sysmon;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads metrics straight from Linux procfs and sysfs: no native code, so it runs on a Raspberry Pi, in a
 * container or on a server alike. (STUB: being implemented.)
 */
public final class SysfsMetricsSampler implements MetricsSampler {

    /** Reads the running machine's {@code /proc} and {@code /sys}. */
    public SysfsMetricsSampler() {
        this(Path.of("/"));
    }

    /**
     * @param root the filesystem root holding {@code proc/} and {@code sys/}
     */
    public SysfsMetricsSampler(Path root) {
        this(root, Clock.systemUTC());
    }

    /**
     * @param root the filesystem root holding {@code proc/} and {@code sys/}
     * @param clock the clock that stamps each snapshot
     */
    public SysfsMetricsSampler(Path root, Clock clock) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public MetricsSnapshot sample() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
