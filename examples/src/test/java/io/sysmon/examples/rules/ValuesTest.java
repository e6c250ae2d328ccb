package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest
    @CsvSource({"17.3, 17.3", "10.0, 10.0", "-2.5, -2.5", "0.001, 0.001", "0.05, 0.05", "86.125, 86.125",
        "9999999.5, 9999999.5", "1.0E7, 1.0E7", "1.0E-4, 1.0E-4", "0.1234, 0.1234", "-0.0, -0.0", "0.0, 0.0",
        "123456.789, 123456.789", "45.27346, 45.27346"})
    void decimalsPrintAsTheShortestTextInJavasLayout(double value, String text) {
        assertEquals(text, Values.decimalText(value));
    }

    @Test
    void theFastPathAgreesWithTheGeneralWriter() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Math.round(random.nextDouble(-1e7, 1e7) * 10) / 10.0;
                case 1 -> Math.round(random.nextDouble(-1e4, 1e4) * 1000) / 1000.0;
                case 2 -> random.nextDouble(-100, 100);
                default -> Math.round(random.nextDouble(0, 2) * 100) / 100.0;
            };
            assertEquals(NumberOutput.toString(d, true), Values.decimalText(d), () -> "for " + d);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"12 | 12.0", "-7.25 | -7.25", "1e-5 | 1.0E-5", "5E2 | 500.0"})
    void numericStringsConvertAsAwsSays(String text, double value) {
        assertEquals(value, Values.parseDecimal(text));
    }

    @ParameterizedTest
    @CsvSource({"'1.'", "'.5'", "'+1'", "'1e'", "'0x10'", "'NaN'", "' 1'", "''", "'1.5.2'", "'5E+2'"})
    void otherStringsAreNotNumbers(String text) {
        assertEquals(Double.NaN, Values.parseDecimal(text));
    }
}
