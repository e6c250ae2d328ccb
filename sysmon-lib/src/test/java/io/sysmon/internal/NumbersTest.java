package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void parsesKernelIntegers() {
        assertEquals(OptionalLong.of(45000), Numbers.parseLong("45000\n"));
        assertEquals(OptionalLong.of(-273150), Numbers.parseLong("-273150\n"));
        assertEquals(OptionalLong.of(0), Numbers.parseLong(" 0 "));
        assertEquals(OptionalLong.of(Long.MAX_VALUE), Numbers.parseLong(Long.toString(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "\t \n", "abc", "12a", "a12", "1 2", "4.5", "-", "+5", "--1", "NaN",
        "Infinity", "0x10", "1e3", "9223372036854775808", "99999999999999999999999999", "４２"})
    void junkIsNotALong(String junk) {
        assertTrue(Numbers.parseLong(junk).isEmpty(), "'" + junk + "'");
    }

    @Test
    void nullIsNotALong() {
        assertTrue(Numbers.parseLong(null).isEmpty());
    }

    @Test
    void parsesPlainDecimals() {
        assertEquals(OptionalDouble.of(2300.0), parseDecimal("2300.000"));
        assertEquals(OptionalDouble.of(2299.998), parseDecimal("2299.998"));
        assertEquals(OptionalDouble.of(-5), parseDecimal("-5"));
        assertEquals(OptionalDouble.of(0.5), parseDecimal(".5"));
        assertEquals(OptionalDouble.of(7), parseDecimal("7."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "-", "-.", "NaN", "nan", "Infinity", "-Infinity", "1e3", "1.2.3", "0x1p3",
        "12 ", "abc", "1,5", "2300.000d", "+1"})
    void junkIsNotADecimal(String junk) {
        assertTrue(parseDecimal(junk).isEmpty(), "'" + junk + "'");
    }

    private static OptionalDouble parseDecimal(String s) {
        return Numbers.parseDecimal(s, 0, s.length());
    }
}
