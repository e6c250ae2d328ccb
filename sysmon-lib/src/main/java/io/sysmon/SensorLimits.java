package io.sysmon;

/**
 * The readings this library's samplers take as real: a sensor value outside these bounds is a broken sensor,
 * and the samplers leave it out of the snapshot instead of reporting it. Every bound is inclusive, so a reading
 * exactly at a bound is kept.
 *
 * <p>The test kit's {@code MetricsSamplerContract} checks every sampler's snapshots against the same bounds.
 * {@link MetricsSnapshot.Builder} does not enforce them: it rejects only what cannot be physical at all.
 */
public final class SensorLimits {

    /** Coldest plausible CPU temperature, °C: hwmon and thermal drivers write colder values when a sensor fails. */
    public static final double MIN_CPU_CELSIUS = -40;
    /** Hottest plausible CPU temperature, °C: no CPU survives hotter, and broken sensors stick above it (255). */
    public static final double MAX_CPU_CELSIUS = 150;
    /** Fastest plausible CPU clock, MHz: above it the value is junk. */
    public static final double MAX_CPU_MHZ = 20_000;
    /** Fastest plausible fan, rpm: tachometers with no signal sometimes divide by zero into huge values. */
    public static final int MAX_FAN_RPM = 99_999;

    private SensorLimits() {
    }

    /**
     * @param celsius a CPU temperature
     * @return whether it is within {@value #MIN_CPU_CELSIUS}..{@value #MAX_CPU_CELSIUS} °C; {@code false} for NaN
     */
    public static boolean isPlausibleCpuCelsius(double celsius) {
        return celsius >= MIN_CPU_CELSIUS && celsius <= MAX_CPU_CELSIUS;
    }

    /**
     * @param mhz a CPU frequency
     * @return whether it is above 0 and at most {@value #MAX_CPU_MHZ} MHz; {@code false} for NaN
     */
    public static boolean isPlausibleCpuMhz(double mhz) {
        return mhz > 0 && mhz <= MAX_CPU_MHZ;
    }

    /**
     * @param rpm a fan speed
     * @return whether it is within 0..{@value #MAX_FAN_RPM} rpm (0 is a stopped fan)
     */
    public static boolean isPlausibleFanRpm(long rpm) {
        return rpm >= 0 && rpm <= MAX_FAN_RPM;
    }
}
