package io.sysmon;

import java.time.Clock;

/**
 * Reads metrics through OSHI, on any platform OSHI supports. (STUB: being implemented.)
 */
public final class OshiMetricsSampler implements MetricsSampler {

    /** Uses the system UTC clock. */
    public OshiMetricsSampler() {
        this(Clock.systemUTC());
    }

    /**
     * @param clock the clock that stamps each snapshot
     */
    public OshiMetricsSampler(Clock clock) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public MetricsSnapshot sample() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
