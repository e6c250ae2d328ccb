package io.sysmon;

import java.time.Clock;
import java.util.List;

/**
 * Deterministic, made-up metrics for tests and demos. (STUB: being implemented.)
 */
public final class FakeMetricsSampler implements MetricsSampler {

    /** How the fake values move from one sample to the next. */
    public enum Scenario {
        /** Values hover around a fixed level with small noise. */
        STEADY,
        /** Values wander within realistic bounds. */
        RANDOM_WALK,
        /** Steady, except a CPU usage and temperature spike for a chosen run of samples. */
        SPIKE
    }

    private FakeMetricsSampler() {
    }

    /** @return a builder with seed 0, {@link Scenario#STEADY} and the system UTC clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param snapshots the readings to return, in order, then again from the first
     * @param clock the clock that stamps each returned snapshot
     * @return a sampler replaying {@code snapshots}
     */
    public static FakeMetricsSampler replaying(List<MetricsSnapshot> snapshots, Clock clock) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public MetricsSnapshot sample() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Builds a {@link FakeMetricsSampler}. */
    public static final class Builder {
        private Builder() {
        }

        /**
         * @param seed the random seed; equal seeds give equal sequences
         * @return this builder
         */
        public Builder seed(long seed) {
            return this;
        }

        /**
         * @param scenario how values move
         * @return this builder
         */
        public Builder scenario(Scenario scenario) {
            return this;
        }

        /**
         * @param sampleIndex the 0-based sample at which the spike starts
         * @param lengthSamples how many samples it lasts, at least 1
         * @return this builder, set to {@link Scenario#SPIKE}
         */
        public Builder spike(int sampleIndex, int lengthSamples) {
            return this;
        }

        /**
         * @param clock the clock that stamps each snapshot
         * @return this builder
         */
        public Builder clock(Clock clock) {
            return this;
        }

        /** @return the sampler */
        public FakeMetricsSampler build() {
            return new FakeMetricsSampler();
        }
    }
}
