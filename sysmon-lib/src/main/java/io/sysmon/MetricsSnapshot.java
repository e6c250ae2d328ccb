package io.sysmon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One immutable reading of a machine's metrics.
 *
 * <p>Every metric a machine may lack is optional: an empty value means "this machine has no such sensor, or it
 * could not be read", never a reading of 0. Fans are a list because a machine has any number of them; an empty
 * list means no fan could be read. A stopped fan is a real reading of 0 rpm.
 *
 * <p>Build one with {@link #builder(Instant)}; the builder rejects values that cannot be physical (NaN,
 * negative sizes, CPU usage outside 0–100 %) with an {@link IllegalArgumentException} naming the field.
 */
public final class MetricsSnapshot {

    private final Instant timestamp;
    private final OptionalDouble cpuUsagePercent;
    private final OptionalDouble cpuFrequencyMhz;
    private final OptionalDouble cpuTemperatureCelsius;
    private final OptionalLong ramUsedBytes;
    private final OptionalLong ramTotalBytes;
    private final List<Integer> fanSpeedsRpm;

    private MetricsSnapshot(Builder b) {
        this.timestamp = b.timestamp;
        this.cpuUsagePercent = b.cpuUsagePercent;
        this.cpuFrequencyMhz = b.cpuFrequencyMhz;
        this.cpuTemperatureCelsius = b.cpuTemperatureCelsius;
        this.ramUsedBytes = b.ramUsedBytes;
        this.ramTotalBytes = b.ramTotalBytes;
        this.fanSpeedsRpm = List.copyOf(b.fanSpeedsRpm);
    }

    /**
     * Starts a snapshot taken at {@code timestamp}, with every metric empty.
     *
     * @param timestamp when the reading was taken
     * @return a new builder
     */
    public static Builder builder(Instant timestamp) {
        return new Builder(timestamp);
    }

    /** @return when the reading was taken */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return share of CPU time spent not idle across all cores, 0–100 %, or empty when unknown */
    public OptionalDouble cpuUsagePercent() {
        return cpuUsagePercent;
    }

    /** @return mean current frequency across cores in MHz, or empty when unknown */
    public OptionalDouble cpuFrequencyMhz() {
        return cpuFrequencyMhz;
    }

    /** @return CPU (package or die) temperature in degrees Celsius, or empty when there is no CPU sensor */
    public OptionalDouble cpuTemperatureCelsius() {
        return cpuTemperatureCelsius;
    }

    /** @return RAM in use in bytes (total minus available), or empty when unknown */
    public OptionalLong ramUsedBytes() {
        return ramUsedBytes;
    }

    /** @return installed RAM visible to the kernel in bytes, or empty when unknown */
    public OptionalLong ramTotalBytes() {
        return ramTotalBytes;
    }

    /** @return every fan's speed in rpm, in a stable order; unmodifiable, empty when no fan could be read */
    public List<Integer> fanSpeedsRpm() {
        return fanSpeedsRpm;
    }

    /** @return the fastest fan's speed in rpm, or empty when no fan could be read */
    public OptionalInt fastestFanRpm() {
        return fanSpeedsRpm.stream().mapToInt(Integer::intValue).max();
    }

    /**
     * @param newTimestamp the timestamp of the copy
     * @return a copy of this snapshot with another timestamp
     */
    public MetricsSnapshot withTimestamp(Instant newTimestamp) {
        return toBuilder().timestamp(newTimestamp).build();
    }

    /** @return a builder holding this snapshot's values */
    public Builder toBuilder() {
        Builder b = new Builder(timestamp);
        b.cpuUsagePercent = cpuUsagePercent;
        b.cpuFrequencyMhz = cpuFrequencyMhz;
        b.cpuTemperatureCelsius = cpuTemperatureCelsius;
        b.ramUsedBytes = ramUsedBytes;
        b.ramTotalBytes = ramTotalBytes;
        b.fanSpeedsRpm = new ArrayList<>(fanSpeedsRpm);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MetricsSnapshot)) {
            return false;
        }
        MetricsSnapshot that = (MetricsSnapshot) o;
        return timestamp.equals(that.timestamp)
                && cpuUsagePercent.equals(that.cpuUsagePercent)
                && cpuFrequencyMhz.equals(that.cpuFrequencyMhz)
                && cpuTemperatureCelsius.equals(that.cpuTemperatureCelsius)
                && ramUsedBytes.equals(that.ramUsedBytes)
                && ramTotalBytes.equals(that.ramTotalBytes)
                && fanSpeedsRpm.equals(that.fanSpeedsRpm);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, cpuUsagePercent, cpuFrequencyMhz, cpuTemperatureCelsius, ramUsedBytes,
                ramTotalBytes, fanSpeedsRpm);
    }

    @Override
    public String toString() {
        return "MetricsSnapshot{timestamp=" + timestamp
                + ", cpuUsagePercent=" + text(cpuUsagePercent)
                + ", cpuFrequencyMhz=" + text(cpuFrequencyMhz)
                + ", cpuTemperatureCelsius=" + text(cpuTemperatureCelsius)
                + ", ramUsedBytes=" + (ramUsedBytes.isPresent() ? ramUsedBytes.getAsLong() : "absent")
                + ", ramTotalBytes=" + (ramTotalBytes.isPresent() ? ramTotalBytes.getAsLong() : "absent")
                + ", fanSpeedsRpm=" + fanSpeedsRpm + '}';
    }

    private static String text(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : "absent";
    }

    /**
     * Builds a {@link MetricsSnapshot}. Not thread-safe. Each setter checks its value at once and names the
     * field in the {@link IllegalArgumentException} it throws.
     */
    public static final class Builder {

        private Instant timestamp;
        private OptionalDouble cpuUsagePercent = OptionalDouble.empty();
        private OptionalDouble cpuFrequencyMhz = OptionalDouble.empty();
        private OptionalDouble cpuTemperatureCelsius = OptionalDouble.empty();
        private OptionalLong ramUsedBytes = OptionalLong.empty();
        private OptionalLong ramTotalBytes = OptionalLong.empty();
        private List<Integer> fanSpeedsRpm = new ArrayList<>();

        private Builder(Instant timestamp) {
            timestamp(timestamp);
        }

        /**
         * @param value when the reading was taken
         * @return this builder
         */
        public Builder timestamp(Instant value) {
            this.timestamp = Objects.requireNonNull(value, "timestamp must not be null");
            return this;
        }

        /**
         * @param percent CPU usage, 0–100
         * @return this builder
         */
        public Builder cpuUsagePercent(double percent) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("cpuUsagePercent must be within 0..100, got " + percent);
            }
            this.cpuUsagePercent = OptionalDouble.of(percent);
            return this;
        }

        /**
         * @param mhz mean CPU frequency, greater than 0
         * @return this builder
         */
        public Builder cpuFrequencyMhz(double mhz) {
            if (!(mhz > 0 && Double.isFinite(mhz))) {
                throw new IllegalArgumentException("cpuFrequencyMhz must be a finite number > 0, got " + mhz);
            }
            this.cpuFrequencyMhz = OptionalDouble.of(mhz);
            return this;
        }

        /**
         * @param celsius CPU temperature, a finite number
         * @return this builder
         */
        public Builder cpuTemperatureCelsius(double celsius) {
            if (!Double.isFinite(celsius) || celsius < -273.15) {
                throw new IllegalArgumentException(
                        "cpuTemperatureCelsius must be a finite number >= -273.15, got " + celsius);
            }
            this.cpuTemperatureCelsius = OptionalDouble.of(celsius);
            return this;
        }

        /**
         * @param bytes RAM in use, at least 0
         * @return this builder
         */
        public Builder ramUsedBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("ramUsedBytes must be >= 0, got " + bytes);
            }
            this.ramUsedBytes = OptionalLong.of(bytes);
            return this;
        }

        /**
         * @param bytes installed RAM, greater than 0
         * @return this builder
         */
        public Builder ramTotalBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("ramTotalBytes must be > 0, got " + bytes);
            }
            this.ramTotalBytes = OptionalLong.of(bytes);
            return this;
        }

        /**
         * Adds one fan's reading.
         *
         * @param rpm the fan's speed, at least 0 (0 is a stopped fan)
         * @return this builder
         */
        public Builder addFanSpeedRpm(int rpm) {
            if (rpm < 0) {
                throw new IllegalArgumentException("fanSpeedsRpm must be >= 0, got " + rpm);
            }
            this.fanSpeedsRpm.add(rpm);
            return this;
        }

        /**
         * Replaces every fan reading.
         *
         * @param rpms each fan's speed, each at least 0
         * @return this builder
         */
        public Builder fanSpeedsRpm(Collection<Integer> rpms) {
            List<Integer> copy = new ArrayList<>(rpms.size());
            for (Integer rpm : rpms) {
                if (rpm == null || rpm < 0) {
                    throw new IllegalArgumentException("fanSpeedsRpm must hold values >= 0, got " + rpm);
                }
                copy.add(rpm);
            }
            this.fanSpeedsRpm = copy;
            return this;
        }

        /**
         * @return the snapshot
         * @throws IllegalArgumentException when RAM used exceeds RAM total
         */
        public MetricsSnapshot build() {
            if (ramUsedBytes.isPresent() && ramTotalBytes.isPresent()
                    && ramUsedBytes.getAsLong() > ramTotalBytes.getAsLong()) {
                throw new IllegalArgumentException("ramUsedBytes (" + ramUsedBytes.getAsLong()
                        + ") must not exceed ramTotalBytes (" + ramTotalBytes.getAsLong() + ")");
            }
            return new MetricsSnapshot(this);
        }
    }
}
