package io.sysmon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensorLimitsTest {

    @ParameterizedTest
    @ValueSource(doubles = {SensorLimits.MIN_CPU_CELSIUS, 0, 42.5, SensorLimits.MAX_CPU_CELSIUS})
    void temperaturesWithinTheBoundsIncludedArePlausible(double celsius) {
        assertTrue(SensorLimits.isPlausibleCpuCelsius(celsius), Double.toString(celsius));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-40.001, 150.001, 255, -273.15, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY})
    void temperaturesOutsideAreNot(double celsius) {
        assertFalse(SensorLimits.isPlausibleCpuCelsius(celsius), Double.toString(celsius));
    }

    @Test
    void frequencyIsAboveZeroUpToTheMaximumIncluded() {
        assertTrue(SensorLimits.isPlausibleCpuMhz(0.001));
        assertTrue(SensorLimits.isPlausibleCpuMhz(SensorLimits.MAX_CPU_MHZ));
        assertFalse(SensorLimits.isPlausibleCpuMhz(0));
        assertFalse(SensorLimits.isPlausibleCpuMhz(-1));
        assertFalse(SensorLimits.isPlausibleCpuMhz(SensorLimits.MAX_CPU_MHZ + 0.001));
        assertFalse(SensorLimits.isPlausibleCpuMhz(Double.NaN));
        assertFalse(SensorLimits.isPlausibleCpuMhz(Double.POSITIVE_INFINITY));
    }

    @Test
    void fanSpeedIsZeroUpToTheMaximumIncluded() {
        assertTrue(SensorLimits.isPlausibleFanRpm(0), "a stopped fan");
        assertTrue(SensorLimits.isPlausibleFanRpm(SensorLimits.MAX_FAN_RPM));
        assertFalse(SensorLimits.isPlausibleFanRpm(-1));
        assertFalse(SensorLimits.isPlausibleFanRpm(SensorLimits.MAX_FAN_RPM + 1L));
        assertFalse(SensorLimits.isPlausibleFanRpm(4_294_967_295L));
    }
}
