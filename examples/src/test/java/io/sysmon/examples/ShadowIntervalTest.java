package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.examples.cli.BadValueException;
import io.sysmon.examples.cli.FixedRateLoop;
import io.sysmon.shadow.ShadowDelta;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShadowIntervalTest {

    @Test
    void desiredIntervalsAreJsonNumbersOfSecondsCheckedLikeTheArgument() {
        assertEquals(Duration.ofSeconds(5), ShadowInterval.parse(5));
        assertEquals(Duration.ofSeconds(5), ShadowInterval.parse(5L));
        assertEquals(Duration.ofMillis(500), ShadowInterval.parse(0.5));
        assertEquals(Duration.ofMillis(1), ShadowInterval.parse(1e-3));
        assertEquals(Duration.ofDays(1), ShadowInterval.parse(new BigDecimal("86400.0")));
        assertEquals(Duration.ofSeconds(10), ShadowInterval.parse(BigInteger.TEN));
    }

    @Test
    void anythingElseIsRejectedWithTheArgumentsMessage() {
        for (Object bad : new Object[] {0, -1, 0.0001, 86401, 1e300, "5", true, null, Map.of("s", 5)}) {
            assertThrows(BadValueException.class, () -> ShadowInterval.parse(bad), String.valueOf(bad));
        }
        assertEquals("must be a number of seconds > 0, got '-1'",
                assertThrows(BadValueException.class, () -> ShadowInterval.parse(-1)).getMessage());
        assertEquals("must be a number of seconds, got '\"5\"'",
                assertThrows(BadValueException.class, () -> ShadowInterval.parse("5")).getMessage());
    }

    @Test
    void intervalsAreReportedAsWholeNumbersWhenWhole() {
        assertEquals(10L, ShadowInterval.asNumber(Duration.ofSeconds(10)));
        assertEquals(0.5, ShadowInterval.asNumber(Duration.ofMillis(500)));
        assertEquals(0.001, ShadowInterval.asNumber(Duration.ofMillis(1)));
    }

    @Test
    void theStartIntervalIsReportedOnceThenEachAcceptedChangeOnceAsTheShadowHoldsIt() {
        FixedRateLoop loop = new FixedRateLoop(Duration.ofSeconds(10), 1);
        ShadowInterval interval = new ShadowInterval("my_iot_device_1", loop);
        assertEquals(Optional.of(10L), interval.takeReport());
        assertEquals(Optional.empty(), interval.takeReport());

        interval.onDelta(delta(Map.of("interval", 2.0)));
        assertEquals(Duration.ofSeconds(2), loop.interval());
        assertEquals(Optional.of(2.0), interval.takeReport()); // as desired, so the delta ends on any service

        interval.onDelta(delta(Map.of("interval", -2)));
        interval.onDelta(delta(Map.of("colour", "red")));
        assertEquals(Duration.ofSeconds(2), loop.interval());
        assertEquals(Optional.empty(), interval.takeReport());
    }

    @Test
    void theReportedAttributesAreThePayloadWithTheIntervalWhenItIsDue() {
        FixedRateLoop loop = new FixedRateLoop(Duration.ofSeconds(10), 1);
        ShadowInterval interval = new ShadowInterval("my_iot_device_1", loop);
        MetricsPayload payload = MetricsPayload.from(FakeMetricsSampler.builder().seed(1).build().sample());

        Map<String, Number> first = interval.reported(payload);
        assertEquals(10L, first.get(ShadowInterval.KEY));
        Map<String, Number> withoutInterval = new LinkedHashMap<>(first);
        withoutInterval.remove(ShadowInterval.KEY);
        assertEquals(payload.fields(), withoutInterval);
        assertEquals(new ArrayList<>(payload.fields().keySet()),
                new ArrayList<>(first.keySet()).subList(0, payload.fields().size()), "payload order, then interval");

        assertEquals(payload.fields(), interval.reported(payload), "only once");

        interval.onDelta(delta(Map.of("interval", 2)));
        assertEquals(2, interval.reported(payload).get(ShadowInterval.KEY));
    }

    private static ShadowDelta delta(Map<String, Object> state) {
        return new ShadowDelta(7, Instant.EPOCH, state);
    }
}
