package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SysfsParsersTest {

    /** Junk every single-value parser must shrug off. */
    static final String[] JUNK = {"", " ", "\n", "abc", "NaN", "nan\n", "-", "45.5", "45000 12", "4500\u0000",
        "99999999999999999999999999999", "-99999999999999999999999999999", "1e5", "0x1F"};

    @Test
    void millidegreesBecomeCelsius() {
        assertEquals(OptionalDouble.of(45.277), SysfsParsers.celsiusFromMillidegrees("45277\n"));
        assertEquals(OptionalDouble.of(-5.0), SysfsParsers.celsiusFromMillidegrees("-5000\n"));
        assertEquals(OptionalDouble.of(150.0), SysfsParsers.celsiusFromMillidegrees("150000"));
        assertEquals(OptionalDouble.of(-40.0), SysfsParsers.celsiusFromMillidegrees("-40000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0\n", "150001", "-40001", "255000", "-273150", "65261850", "127000000"})
    void zeroAndImplausibleTemperaturesAreBroken(String value) {
        assertTrue(SysfsParsers.celsiusFromMillidegrees(value).isEmpty(), value);
    }

    @Test
    void junkIsNoTemperatureFrequencyOrFanSpeed() {
        for (String junk : JUNK) {
            assertTrue(SysfsParsers.celsiusFromMillidegrees(junk).isEmpty(), "temperature '" + junk + "'");
            assertTrue(SysfsParsers.mhzFromKhz(junk).isEmpty(), "frequency '" + junk + "'");
            assertTrue(SysfsParsers.rpm(junk).isEmpty(), "rpm '" + junk + "'");
        }
        assertTrue(SysfsParsers.celsiusFromMillidegrees(null).isEmpty());
    }

    @Test
    void kilohertzBecomeMegahertz() {
        assertEquals(OptionalDouble.of(600.0), SysfsParsers.mhzFromKhz("600000\n"));
        assertEquals(OptionalDouble.of(800.024), SysfsParsers.mhzFromKhz("800024\n"));
        assertTrue(SysfsParsers.mhzFromKhz("0\n").isEmpty());
        assertTrue(SysfsParsers.mhzFromKhz("-800000\n").isEmpty());
        assertTrue(SysfsParsers.mhzFromKhz("20000001\n").isEmpty());
        assertTrue(SysfsParsers.mhzFromKhz("<unsupported>\n").isEmpty());
    }

    @Test
    void fanSpeeds() {
        assertEquals(OptionalInt.of(1102), SysfsParsers.rpm("1102\n"));
        assertEquals(OptionalInt.of(0), SysfsParsers.rpm("0\n"), "a stopped fan is a real reading");
        assertTrue(SysfsParsers.rpm("-1\n").isEmpty());
        assertTrue(SysfsParsers.rpm("100000\n").isEmpty());
        assertTrue(SysfsParsers.rpm("4294967295\n").isEmpty());
    }
}
