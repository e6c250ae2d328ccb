package io.sysmon.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @Test
    void intervalsAreSecondsWithFractions() {
        assertEquals(Duration.ofSeconds(10), Arguments.interval("10"));
        assertEquals(Duration.ofMillis(500), Arguments.interval("0.5"));
        assertEquals(Duration.ofMillis(1), Arguments.interval("0.001"));
        assertEquals(Duration.ofMillis(1), Arguments.interval("1e-3"));
        assertEquals(Duration.ofNanos(1_500_000), Arguments.interval("0.0015"));
        assertEquals(Duration.ofDays(1), Arguments.interval("86400"));
        assertEquals(Duration.ofDays(1), Arguments.interval("86400.000"));
        assertEquals(Duration.ofNanos(1_000_000_001), Arguments.interval("1.0000000005"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-0", "-10", "NaN", "Infinity", "-Infinity", "0x10", "10d", "10f", " 10",
        "1,5", "", "ten", "1e400000000000"})
    void badIntervalsAreRejected(String text) {
        assertThrows(BadValueException.class, () -> Arguments.interval(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0009999", "86400.0000001", "1e10"})
    void intervalsOutOfRangeAreRejected(String text) {
        assertThrows(BadValueException.class, () -> Arguments.interval(text));
    }

    @Test
    void decimalIntervalsAreCheckedLikeTextWithTheSameMessages() {
        assertEquals(Duration.ofMillis(500), Arguments.interval(new BigDecimal("0.5")));
        assertEquals(Duration.ofDays(1), Arguments.interval(new BigDecimal("8.64E+4")));
        assertEquals(Duration.ofNanos(1_000_000_001), Arguments.interval(new BigDecimal("1.0000000005")));
        for (String text : new String[] {"0", "-10", "0.0009999", "86400.0000001"}) {
            assertEquals(assertThrows(BadValueException.class, () -> Arguments.interval(text)).getMessage(),
                    assertThrows(BadValueException.class, () -> Arguments.interval(new BigDecimal(text)))
                            .getMessage(), text);
        }
        assertEquals("must be at least 0.001 seconds, got '0.00000001'",
                assertThrows(BadValueException.class, () -> Arguments.interval(new BigDecimal("1E-8")))
                        .getMessage(), "shown without an exponent");
    }

    @Test
    void countsAreWholeNumbersFromOne() {
        assertEquals(1, Arguments.count("1"));
        assertEquals(Long.MAX_VALUE, Arguments.count(Long.toString(Long.MAX_VALUE)));
        for (String bad : new String[] {"0", "-1", "1.0", "", "one", "9223372036854775808"}) {
            assertThrows(BadValueException.class, () -> Arguments.count(bad), bad);
        }
    }

    @Test
    void thingNamesFollowAwsRules() {
        for (String good : new String[] {"my_iot_device_1", "a", "A:b-C_9", "x".repeat(128)}) {
            assertEquals(good, Arguments.thingName(good));
        }
        for (String bad : new String[] {"", "x".repeat(129), "my device", "dev/1", "dev.1", "dév", "dev\n1"}) {
            assertThrows(BadValueException.class, () -> Arguments.thingName(bad), bad);
        }
    }

    @Test
    void messagesStayOnOneLineAndShort() {
        BadValueException e = assertThrows(BadValueException.class, () -> Arguments.thingName("a\nb\tc"));
        assertEquals(
                "must be an AWS IoT thing name: 1 to 128 characters from a-z A-Z 0-9 : _ -, got 'a\\u000ab\\u0009c'",
                e.getMessage());
        assertEquals("'" + "y".repeat(40) + "...' (41 characters)", Arguments.quote("y".repeat(41)));
    }

    @Test
    void secondsAreWrittenWithoutTrailingZeros() {
        assertEquals("10", Arguments.seconds(Duration.ofSeconds(10)));
        assertEquals("0.5", Arguments.seconds(Duration.ofMillis(500)));
        assertEquals("0.001", Arguments.seconds(Duration.ofMillis(1)));
        assertEquals(0, Arguments.decimalSeconds(Duration.ofSeconds(10)).compareTo(BigDecimal.TEN));
        assertTrue(Arguments.decimalSeconds(Duration.ofSeconds(10)).scale() <= 0, "whole seconds have no fraction");
        assertEquals(new BigDecimal("0.5"), Arguments.decimalSeconds(Duration.ofMillis(500)));
    }
}
