package io.sysmon.internal;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Pure parsers for single-value sysfs attributes. Each returns empty, never throws, for junk and for values no
 * working sensor reports.
 */
public final class SysfsParsers {

    /** Colder than any CPU that runs; hwmon and thermal drivers write such values when a sensor fails. */
    public static final double MIN_PLAUSIBLE_CELSIUS = -40;
    /** Hotter than any CPU survives; also where broken sensors often stick (e.g. 255 °C). */
    public static final double MAX_PLAUSIBLE_CELSIUS = 150;
    /** Beyond any CPU clock; above it the value is junk. */
    public static final double MAX_PLAUSIBLE_MHZ = 20_000;
    /** Beyond any fan's speed; tachometers with no signal sometimes divide by zero into huge values. */
    public static final int MAX_PLAUSIBLE_RPM = 100_000;

    private SysfsParsers() {
    }

    /**
     * @param attribute the text of an hwmon {@code temp<N>_input} or a thermal zone's {@code temp}, in
     *        millidegrees Celsius
     * @return degrees Celsius, or empty when the text is junk, exactly 0 (what many drivers report for a missing
     *         or broken sensor) or outside {@value #MIN_PLAUSIBLE_CELSIUS}..{@value #MAX_PLAUSIBLE_CELSIUS} °C
     */
    public static OptionalDouble celsiusFromMillidegrees(String attribute) {
        OptionalLong milli = Numbers.parseLong(attribute);
        if (milli.isEmpty() || milli.getAsLong() == 0) {
            return OptionalDouble.empty();
        }
        double celsius = milli.getAsLong() / 1000.0;
        if (celsius < MIN_PLAUSIBLE_CELSIUS || celsius > MAX_PLAUSIBLE_CELSIUS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(celsius);
    }

    /**
     * @param attribute the text of a cpufreq {@code scaling_cur_freq}, in kHz
     * @return MHz, or empty when the text is junk, not positive, or above {@value #MAX_PLAUSIBLE_MHZ} MHz
     */
    public static OptionalDouble mhzFromKhz(String attribute) {
        OptionalLong khz = Numbers.parseLong(attribute);
        if (khz.isEmpty() || khz.getAsLong() <= 0) {
            return OptionalDouble.empty();
        }
        double mhz = khz.getAsLong() / 1000.0;
        return mhz <= MAX_PLAUSIBLE_MHZ ? OptionalDouble.of(mhz) : OptionalDouble.empty();
    }

    /**
     * @param attribute the text of an hwmon {@code fan<N>_input}, in rpm
     * @return rpm, 0 for a stopped fan, or empty when the text is junk, negative or at least
     *         {@value #MAX_PLAUSIBLE_RPM}
     */
    public static OptionalInt rpm(String attribute) {
        OptionalLong rpm = Numbers.parseLong(attribute);
        if (rpm.isEmpty() || rpm.getAsLong() < 0 || rpm.getAsLong() >= MAX_PLAUSIBLE_RPM) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) rpm.getAsLong());
    }
}
