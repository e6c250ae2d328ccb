package io.sysmon.internal;

import io.sysmon.SensorLimits;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Pure parsers for single-value sysfs attributes. Each returns empty, never throws, for junk and for values no
 * working sensor reports (outside {@link SensorLimits}).
 */
public final class SysfsParsers {

    private SysfsParsers() {
    }

    /**
     * @param attribute the text of an hwmon {@code temp<N>_input} or a thermal zone's {@code temp}, in
     *        millidegrees Celsius
     * @return degrees Celsius, or empty when the text is junk, exactly 0 (what many drivers report for a missing
     *         or broken sensor) or outside
     *         {@value SensorLimits#MIN_CPU_CELSIUS}..{@value SensorLimits#MAX_CPU_CELSIUS} °C
     */
    public static OptionalDouble celsiusFromMillidegrees(String attribute) {
        OptionalLong milli = Numbers.parseLong(attribute);
        if (milli.isEmpty() || milli.getAsLong() == 0) {
            return OptionalDouble.empty();
        }
        double celsius = milli.getAsLong() / 1000.0;
        return SensorLimits.isPlausibleCpuCelsius(celsius) ? OptionalDouble.of(celsius) : OptionalDouble.empty();
    }

    /**
     * @param attribute the text of a cpufreq {@code scaling_cur_freq}, in kHz
     * @return MHz, or empty when the text is junk, not positive, or above {@value SensorLimits#MAX_CPU_MHZ} MHz
     */
    public static OptionalDouble mhzFromKhz(String attribute) {
        OptionalLong khz = Numbers.parseLong(attribute);
        if (khz.isEmpty()) {
            return OptionalDouble.empty();
        }
        double mhz = khz.getAsLong() / 1000.0;
        return SensorLimits.isPlausibleCpuMhz(mhz) ? OptionalDouble.of(mhz) : OptionalDouble.empty();
    }

    /**
     * @param attribute the text of an hwmon {@code fan<N>_input}, in rpm
     * @return rpm, 0 for a stopped fan, or empty when the text is junk, negative or above
     *         {@value SensorLimits#MAX_FAN_RPM}
     */
    public static OptionalInt rpm(String attribute) {
        OptionalLong rpm = Numbers.parseLong(attribute);
        if (rpm.isEmpty() || !SensorLimits.isPlausibleFanRpm(rpm.getAsLong())) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) rpm.getAsLong());
    }
}
