package io.sysmon;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic, made-up metrics for tests and demos: no hardware, no native code, and every metric present.
 *
 * <pre>{@code
 * MetricsSampler sampler = FakeMetricsSampler.builder().seed(42).spike(10, 5).build();
 * MetricsSnapshot snapshot = sampler.sample();
 * }</pre>
 *
 * <p>A built sampler's values depend only on the builder's settings and on how many times {@link #sample()}
 * was called before (the 0-based <em>sample index</em>): two samplers built with equal settings return equal
 * values, and with equal clocks equal snapshots. Each snapshot is stamped with the clock's
 * {@link Clock#instant()} at the time of the call.
 *
 * <p>Generated values stay within these ranges in every scenario:
 * <table>
 *   <caption>Ranges of generated values</caption>
 *   <tr><th>metric</th><th>{@link Scenario#STEADY}</th><th>{@link Scenario#RANDOM_WALK}</th>
 *       <th>{@link Scenario#SPIKE}, during the spike</th></tr>
 *   <tr><td>CPU usage, %</td><td>10–25</td><td>0–100</td><td>95–100</td></tr>
 *   <tr><td>CPU frequency, MHz</td><td>2300–2500</td><td>600–4500</td><td>3400–3600</td></tr>
 *   <tr><td>CPU temperature, °C</td><td>45–55</td><td>30–95</td><td>85–92</td></tr>
 *   <tr><td>RAM used, share of the total</td><td>40–50 %</td><td>20–90 %</td><td>40–50 %</td></tr>
 *   <tr><td>each fan, rpm</td><td>fan <i>i</i> (from 0): 1100 + 100<i>i</i>, ±50</td><td>800–2500</td>
 *       <td>2100–2500</td></tr>
 * </table>
 *
 * <p>RAM total is fixed ({@value #DEFAULT_RAM_TOTAL_BYTES} bytes, 8 GiB, unless set) and there are
 * {@value #DEFAULT_FAN_COUNT} fans unless set. Thread-safe: concurrent calls each get their own sample index.
 */
public final class FakeMetricsSampler implements MetricsSampler {

    /** RAM total unless {@link Builder#ramTotalBytes(long)} says otherwise: 8 GiB. */
    public static final long DEFAULT_RAM_TOTAL_BYTES = 8L * 1024 * 1024 * 1024;
    /** Number of fans unless {@link Builder#fanCount(int)} says otherwise. */
    public static final int DEFAULT_FAN_COUNT = 2;
    /** Most fans {@link Builder#fanCount(int)} accepts. */
    public static final int MAX_FAN_COUNT = 8;
    /** First spiking sample index for {@link Scenario#SPIKE} unless {@link Builder#spike(int, int)} is called. */
    public static final int DEFAULT_SPIKE_START = 10;
    /** Spike length in samples for {@link Scenario#SPIKE} unless {@link Builder#spike(int, int)} is called. */
    public static final int DEFAULT_SPIKE_LENGTH = 5;

    /** How the fake values move from one sample to the next. */
    public enum Scenario {
        /** Every value hovers around a fixed level with small, independent noise. */
        STEADY,
        /**
         * Every value wanders in a bounded random walk, starting at the steady level and reflected at the
         * bounds.
         */
        RANDOM_WALK,
        /**
         * Steady, except that from the spike's first sample index, for its length, CPU usage and temperature
         * run hot, the CPU boosts and the fans speed up; afterwards values are steady again, so alerts both
         * fire and resolve. Outside the spike it returns exactly what {@link #STEADY} returns for the same seed.
         */
        SPIKE
    }

    private final Clock clock;
    private final ValueSource source;
    private long sampleIndex;

    private FakeMetricsSampler(Clock clock, ValueSource source) {
        this.clock = clock;
        this.source = source;
    }

    /** @return a builder with seed 0, {@link Scenario#STEADY} and the system UTC clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a sampler that replays recorded readings: the {@code n}-th call to {@link #sample()} (from 0)
     * returns the values of {@code snapshots.get(n % snapshots.size())}, so after the last snapshot it starts
     * again from the first. Each returned snapshot carries the clock's time, not the recorded timestamp.
     *
     * @param snapshots the readings to return, in order, then again from the first; copied, not empty
     * @param clock the clock that stamps each returned snapshot
     * @return a sampler replaying {@code snapshots}
     * @throws IllegalArgumentException when {@code snapshots} is empty
     * @throws NullPointerException when an argument or a listed snapshot is {@code null}
     */
    public static FakeMetricsSampler replaying(List<MetricsSnapshot> snapshots, Clock clock) {
        Objects.requireNonNull(snapshots, "snapshots must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        List<MetricsSnapshot> copy = List.copyOf(snapshots);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("snapshots must hold at least one snapshot to replay, got none");
        }
        return new FakeMetricsSampler(clock, new Replay(copy));
    }

    /**
     * Returns the next made-up (or replayed) reading; never throws.
     *
     * @return a new snapshot stamped with the clock's current time
     */
    @Override
    public synchronized MetricsSnapshot sample() {
        // Clock read and index taken under the same lock, so later indices never carry earlier times.
        Instant now = clock.instant();
        return source.snapshot(sampleIndex++, now);
    }

    @Override
    public String toString() {
        return "FakeMetricsSampler{" + source + ", clock=" + clock + '}';
    }

    private interface ValueSource {
        MetricsSnapshot snapshot(long index, Instant at);
    }

    private static final class Replay implements ValueSource {
        private final List<MetricsSnapshot> snapshots;

        Replay(List<MetricsSnapshot> snapshots) {
            this.snapshots = snapshots;
        }

        @Override
        public MetricsSnapshot snapshot(long index, Instant at) {
            return snapshots.get((int) (index % snapshots.size())).withTimestamp(at);
        }

        @Override
        public String toString() {
            return "replaying " + snapshots.size() + " snapshots";
        }
    }

    /**
     * One metric's behaviour: its steady level and noise, its random-walk bounds and largest step.
     */
    private static final class Band {
        final double level;
        final double noise;
        final double low;
        final double high;
        final double step;

        Band(double level, double noise, double low, double high, double step) {
            this.level = level;
            this.noise = noise;
            this.low = low;
            this.high = high;
            this.step = step;
        }

        /** @param u uniform in [0, 1) */
        double steady(double u) {
            return level + (2 * u - 1) * noise;
        }

        /** @param u uniform in [0, 1) */
        double walk(double from, double u) {
            double next = from + (2 * u - 1) * step;
            // One reflection suffices because a step is far smaller than the band; the clamp guards rounding.
            if (next > high) {
                next = 2 * high - next;
            } else if (next < low) {
                next = 2 * low - next;
            }
            return Math.min(high, Math.max(low, next));
        }
    }

    private static final Band CPU = new Band(17.5, 7.5, 0, 100, 5);
    private static final Band FREQUENCY = new Band(2400, 100, 600, 4500, 150);
    private static final Band TEMPERATURE = new Band(50, 5, 30, 95, 1.5);
    private static final Band RAM_SHARE = new Band(0.45, 0.05, 0.20, 0.90, 0.02);

    private static Band fan(int i) {
        return new Band(1100 + 100 * i, 50, 800, 2500, 75);
    }

    private static double between(double low, double high, double u) {
        return low + (high - low) * u;
    }

    /** Generates values from a seeded random stream; callers serialise access. */
    private static final class Generator implements ValueSource {
        private final long seed;
        private final Scenario scenario;
        private final long spikeStart;
        private final long spikeEnd;
        private final long ramTotalBytes;
        private final Band[] fans;
        private final SplittableRandom random;

        // Random-walk positions.
        private double cpu = CPU.level;
        private double frequency = FREQUENCY.level;
        private double temperature = TEMPERATURE.level;
        private double ramShare = RAM_SHARE.level;
        private final double[] fanRpm;

        Generator(Builder b) {
            this.seed = b.seed;
            this.scenario = b.scenario;
            this.spikeStart = b.spikeStart;
            this.spikeEnd = (long) b.spikeStart + b.spikeLength;
            this.ramTotalBytes = b.ramTotalBytes;
            this.random = new SplittableRandom(b.seed);
            this.fans = new Band[b.fanCount];
            this.fanRpm = new double[b.fanCount];
            for (int i = 0; i < fans.length; i++) {
                fans[i] = fan(i);
                fanRpm[i] = fans[i].level;
            }
        }

        @Override
        public MetricsSnapshot snapshot(long index, Instant at) {
            // Exactly one draw per value, whatever the scenario, so SPIKE and STEADY stay in step.
            double uCpu = random.nextDouble();
            double uFrequency = random.nextDouble();
            double uTemperature = random.nextDouble();
            double uRam = random.nextDouble();
            double[] uFans = new double[fans.length];
            for (int i = 0; i < uFans.length; i++) {
                uFans[i] = random.nextDouble();
            }

            boolean spiking = scenario == Scenario.SPIKE && index >= spikeStart && index < spikeEnd;
            List<Integer> fanValues = new ArrayList<>(fans.length);
            if (scenario == Scenario.RANDOM_WALK) {
                cpu = CPU.walk(cpu, uCpu);
                frequency = FREQUENCY.walk(frequency, uFrequency);
                temperature = TEMPERATURE.walk(temperature, uTemperature);
                ramShare = RAM_SHARE.walk(ramShare, uRam);
                for (int i = 0; i < fans.length; i++) {
                    fanRpm[i] = fans[i].walk(fanRpm[i], uFans[i]);
                }
            } else if (spiking) {
                cpu = between(95, 100, uCpu);
                frequency = between(3400, 3600, uFrequency);
                temperature = between(85, 92, uTemperature);
                ramShare = RAM_SHARE.steady(uRam);
                for (int i = 0; i < fans.length; i++) {
                    fanRpm[i] = between(2100, 2500, uFans[i]);
                }
            } else {
                cpu = CPU.steady(uCpu);
                frequency = FREQUENCY.steady(uFrequency);
                temperature = TEMPERATURE.steady(uTemperature);
                ramShare = RAM_SHARE.steady(uRam);
                for (int i = 0; i < fans.length; i++) {
                    fanRpm[i] = fans[i].steady(uFans[i]);
                }
            }
            for (double rpm : fanRpm) {
                fanValues.add((int) Math.round(rpm));
            }
            return MetricsSnapshot.builder(at)
                    .cpuUsagePercent(cpu)
                    .cpuFrequencyMhz(frequency)
                    .cpuTemperatureCelsius(temperature)
                    .ramTotalBytes(ramTotalBytes)
                    .ramUsedBytes(Math.round(ramShare * ramTotalBytes))
                    .fanSpeedsRpm(fanValues)
                    .build();
        }

        @Override
        public String toString() {
            return "scenario=" + scenario + ", seed=" + seed
                    + (scenario == Scenario.SPIKE ? ", spike=[" + spikeStart + ", " + spikeEnd + ")" : "");
        }
    }

    /**
     * Builds a {@link FakeMetricsSampler}. Each setter checks its argument at once and names it in the
     * exception. Not thread-safe; {@link #build()} may be called again for another, independent sampler.
     */
    public static final class Builder {
        private long seed;
        private Scenario scenario = Scenario.STEADY;
        private int spikeStart = DEFAULT_SPIKE_START;
        private int spikeLength = DEFAULT_SPIKE_LENGTH;
        private Clock clock = Clock.systemUTC();
        private long ramTotalBytes = DEFAULT_RAM_TOTAL_BYTES;
        private int fanCount = DEFAULT_FAN_COUNT;

        private Builder() {
        }

        /**
         * @param seed the random seed; equal seeds give equal sequences
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the scenario. {@link Scenario#SPIKE} uses the window from {@link #spike(int, int)}, or
         * {@value FakeMetricsSampler#DEFAULT_SPIKE_LENGTH} samples from index
         * {@value FakeMetricsSampler#DEFAULT_SPIKE_START} if that was not called.
         *
         * @param scenario how values move
         * @return this builder
         * @throws NullPointerException when {@code scenario} is {@code null}
         */
        public Builder scenario(Scenario scenario) {
            this.scenario = Objects.requireNonNull(scenario, "scenario must not be null");
            return this;
        }

        /**
         * Selects {@link Scenario#SPIKE} with a spike covering sample indices {@code sampleIndex} to
         * {@code sampleIndex + lengthSamples - 1}.
         *
         * @param sampleIndex the 0-based sample at which the spike starts, at least 0
         * @param lengthSamples how many samples it lasts, at least 1
         * @return this builder, set to {@link Scenario#SPIKE}
         * @throws IllegalArgumentException when an argument is out of range
         */
        public Builder spike(int sampleIndex, int lengthSamples) {
            if (sampleIndex < 0) {
                throw new IllegalArgumentException("sampleIndex must be >= 0, got " + sampleIndex);
            }
            if (lengthSamples < 1) {
                throw new IllegalArgumentException("lengthSamples must be >= 1, got " + lengthSamples);
            }
            this.spikeStart = sampleIndex;
            this.spikeLength = lengthSamples;
            this.scenario = Scenario.SPIKE;
            return this;
        }

        /**
         * @param clock the clock that stamps each snapshot
         * @return this builder
         * @throws NullPointerException when {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * @param bytes the RAM total every snapshot reports, greater than 0; RAM used is a share of it
         * @return this builder
         * @throws IllegalArgumentException when {@code bytes} is not greater than 0
         */
        public Builder ramTotalBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("ramTotalBytes must be > 0, got " + bytes);
            }
            this.ramTotalBytes = bytes;
            return this;
        }

        /**
         * @param count how many fans every snapshot reports, 1 to {@value FakeMetricsSampler#MAX_FAN_COUNT}
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is out of range
         */
        public Builder fanCount(int count) {
            if (count < 1 || count > MAX_FAN_COUNT) {
                throw new IllegalArgumentException(
                        "fanCount must be within 1.." + MAX_FAN_COUNT + ", got " + count);
            }
            this.fanCount = count;
            return this;
        }

        /** @return a new sampler, starting at sample index 0 */
        public FakeMetricsSampler build() {
            return new FakeMetricsSampler(clock, new Generator(this));
        }
    }
}
