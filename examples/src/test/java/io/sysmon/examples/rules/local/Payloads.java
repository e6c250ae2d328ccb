package io.sysmon.examples.rules.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.shadow.local.AcceptedUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Real device payloads from sysmon-lib's fake sampler, wrapped as the local shadow service reports them. */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();
    /** 2024-05-01T12:00:00Z. */
    static final Instant T0 = Instant.ofEpochSecond(1_714_564_800L);
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final FakeMetricsSampler sampler;
    private final StepClock clock = new StepClock();
    private long version;

    /**
     * @param spikeStart the first spiking sample index, or -1 for steady samples only
     * @param spikeLength how many samples spike
     */
    Payloads(int spikeStart, int spikeLength) {
        FakeMetricsSampler.Builder b = FakeMetricsSampler.builder().seed(42).clock(clock);
        if (spikeStart >= 0) {
            b.spike(spikeStart, spikeLength);
        }
        this.sampler = b.build();
    }

    /** @return the next sample's payload fields; sample n is stamped T0 + n × 10 s */
    Map<String, Number> nextFields() {
        return MetricsPayload.from(sampler.sample()).fields();
    }

    /** @return {@code {"state":{"reported":fields}}}, as the device sends it */
    static String request(Map<String, ?> reported) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("state").set("reported", JSON.valueToTree(reported));
        doc.put("clientToken", "token-1");
        return doc.toString();
    }

    /** @return the update the shadow service accepted, received one second after the device's timestamp */
    AcceptedUpdate update(String thing, String request, long deviceSeconds) {
        return new AcceptedUpdate(thing, Optional.empty(), "$aws/things/" + thing + "/shadow/update", request,
                "{}", ++version, thing, Instant.ofEpochSecond(deviceSeconds + 1));
    }

    /** @return the next sample as an accepted update, and its fields */
    Map.Entry<AcceptedUpdate, Map<String, Number>> next(String thing) {
        Map<String, Number> fields = nextFields();
        return Map.entry(update(thing, request(fields), fields.get("timestamp").longValue()), fields);
    }

    /** Each {@link #instant()} is {@link #INTERVAL} after the previous one, from {@link #T0}. */
    static final class StepClock extends Clock {
        private final AtomicLong calls = new AtomicLong();

        @Override
        public Instant instant() {
            return T0.plus(INTERVAL.multipliedBy(calls.getAndIncrement()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
