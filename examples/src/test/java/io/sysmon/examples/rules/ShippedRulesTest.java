package io.sysmon.examples.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The four shipped rules fed real payloads from sysmon-lib's samplers, wrapped as the device sends them:
 * {@code {"state":{"reported":{...}}}} on {@code $aws/things/my_iot_device_1/shadow/update}. Every request is
 * asserted whole: names, types, values, dimensions, tags and times.
 */
class ShippedRulesTest {

    private static final String DEVICE = "my_iot_device_1";
    private static final String TOPIC = "$aws/things/" + DEVICE + "/shadow/update";
    private static final Instant SAMPLED = Instant.parse("2024-05-01T12:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2024-05-01T12:00:00.500Z");
    private static final UUID ID = UUID.fromString("3f2b8c1e-0000-4000-8000-00000000abcd");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(SAMPLED, ZoneOffset.UTC);
    private static final List<TimestreamWrite.Dimension> DIMENSIONS =
            List.of(new TimestreamWrite.Dimension("device_id", DEVICE));
    /** Every metric of the device's payload, in its order: the rules pass each one on. */
    private static final List<String> METRICS = MetricsPayload.FIELD_NAMES.stream()
            .filter(name -> !name.equals(MetricsPayload.TIMESTAMP)).toList();

    private final RuleEngine engine = new RuleEngine(ShippedRules.load(), () -> ID);

    private static Map<String, Number> steady() {
        return MetricsPayload.from(FakeMetricsSampler.builder().seed(42).clock(CLOCK).build().sample()).fields();
    }

    private static Map<String, Number> spike() {
        return MetricsPayload.from(FakeMetricsSampler.builder().seed(42).spike(0, 1).clock(CLOCK).build().sample())
                .fields();
    }

    /** A reading replayed through the sampler, e.g. from a machine without a temperature sensor. */
    private static Map<String, Number> replay(MetricsSnapshot snapshot) {
        return MetricsPayload.from(FakeMetricsSampler.replaying(List.of(snapshot), CLOCK).sample()).fields();
    }

    /** The fake sampler's reading with every metric but the CPU temperature. */
    private static MetricsSnapshot withoutTemperature(MetricsSnapshot s) {
        return MetricsSnapshot.builder(s.timestamp())
                .cpuUsagePercent(s.cpuUsagePercent().getAsDouble())
                .cpuFrequencyMhz(s.cpuFrequencyMhz().getAsDouble())
                .ramUsedBytes(s.ramUsedBytes().getAsLong())
                .ramTotalBytes(s.ramTotalBytes().getAsLong())
                .fanSpeedsRpm(s.fanSpeedsRpm())
                .build();
    }

    private List<RuleMatch> publish(Map<String, Number> fields) throws Exception {
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("state").set("reported", JSON.valueToTree(fields));
        return engine.evaluate(TOPIC, JSON.writeValueAsBytes(doc), DEVICE, RECEIVED);
    }

    private static RuleMatch match(List<RuleMatch> matches, String rule) {
        return matches.stream().filter(m -> m.rule().name().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire"));
    }

    private static List<String> names(List<RuleMatch> matches) {
        return matches.stream().map(m -> m.rule().name()).toList();
    }

    /** RAM in % to one decimal, as the rules compute it: round(used * 1000.0 / total) / 10.0. */
    private static double ramPercent(Map<String, Number> f) {
        double permille = f.get("ram_usage").longValue() * 1000.0 / f.get("ram_total").longValue();
        return Math.floor(permille + 0.5) / 10.0;
    }

    // ---- timestream -------------------------------------------------------------------------------------------

    private static TimestreamWrite expectedTimestream(Map<String, Number> f) {
        String time = f.get("timestamp").toString();
        List<TimestreamWrite.Record> records = new ArrayList<>();
        for (String metric : METRICS) {
            Number v = f.get(metric);
            if (v != null) {
                records.add(new TimestreamWrite.Record(DIMENSIONS, metric, v.toString(),
                        v instanceof Double ? "DOUBLE" : "BIGINT", time, "SECONDS"));
            }
        }
        records.add(new TimestreamWrite.Record(DIMENSIONS, "ram_percent", Double.toString(ramPercent(f)), "DOUBLE",
                time, "SECONDS"));
        return new TimestreamWrite("aws_iot_demo", "aws_iot_demo", records);
    }

    @Test
    void timestreamGetsOneTypedRecordPerMetricAtTheDevicesTime() throws Exception {
        Map<String, Number> f = steady();
        RuleMatch m = match(publish(f), "shadow_to_timestream");
        assertEquals(List.of(expectedTimestream(f)), m.actions());
        TimestreamWrite w = (TimestreamWrite) m.actions().get(0);
        assertEquals(7, w.records().size());
        assertEquals(List.of("cpu_usage", "cpu_freq", "cpu_temp", "ram_usage", "ram_total", "fan_speed", "ram_percent"),
                w.records().stream().map(TimestreamWrite.Record::measureName).toList());
        assertEquals(List.of("DOUBLE", "BIGINT", "DOUBLE", "BIGINT", "BIGINT", "BIGINT", "DOUBLE"),
                w.records().stream().map(TimestreamWrite.Record::measureValueType).toList());
        assertEquals(String.valueOf(SAMPLED.getEpochSecond()), w.records().get(0).time());
        assertTrue(m.errorActions().isEmpty());
    }

    @Test
    void aWholeNumberDecimalStaysADoubleInTimestream() throws Exception {
        MetricsSnapshot exact = MetricsSnapshot.builder(SAMPLED).cpuUsagePercent(10.0).cpuTemperatureCelsius(50.0)
                .ramUsedBytes(4L << 30).ramTotalBytes(8L << 30).build();
        Map<String, Number> f = replay(exact);
        TimestreamWrite w = (TimestreamWrite) match(publish(f), "shadow_to_timestream").actions().get(0);
        assertEquals(new TimestreamWrite.Record(DIMENSIONS, "cpu_usage", "10.0", "DOUBLE", "1714564800", "SECONDS"),
                w.records().get(0));
        assertEquals(new TimestreamWrite.Record(DIMENSIONS, "cpu_temp", "50.0", "DOUBLE", "1714564800", "SECONDS"),
                w.records().get(1));
        assertEquals(new TimestreamWrite.Record(DIMENSIONS, "ram_percent", "50.0", "DOUBLE", "1714564800", "SECONDS"),
                w.records().get(4));
    }

    @Test
    void aMachineWithoutATemperatureSensorGivesNoCpuTempRecord() throws Exception {
        MetricsSnapshot sampled = FakeMetricsSampler.builder().seed(42).clock(CLOCK).build().sample();
        Map<String, Number> f = replay(withoutTemperature(sampled));
        assertFalse(f.containsKey("cpu_temp"));
        List<RuleMatch> matches = publish(f);
        TimestreamWrite w = (TimestreamWrite) match(matches, "shadow_to_timestream").actions().get(0);
        assertEquals(expectedTimestream(f), w);
        assertTrue(w.records().stream().noneMatch(r -> r.measureName().equals("cpu_temp")));
        assertFalse(((InfluxDbWrite) match(matches, "shadow_to_influxdb").actions().get(0)).fields()
                .containsKey("cpu_temp"));
        assertFalse(((S3PutObject) match(matches, "shadow_to_s3").actions().get(0)).body().contains("cpu_temp"));
    }

    // ---- influxDB ---------------------------------------------------------------------------------------------

    @Test
    void influxDbGetsOnePointTaggedWithTheDevice() throws Exception {
        Map<String, Number> f = steady();
        RuleMatch m = match(publish(f), "shadow_to_influxdb");
        InfluxDbWrite w = assertInstanceOf(InfluxDbWrite.class, m.actions().get(0));
        assertEquals("aws_iot_demo", w.databaseName());
        assertEquals("aws_iot_demo", w.measurement());
        assertEquals(null, w.organization());
        assertEquals("arn:aws:iot:us-east-1:123456789012:ruledestination/influxdb/00000000-0000-0000-0000-000000000000",
                w.destinationArn());
        assertEquals(Map.of("device_id", DEVICE), w.tags());
        assertEquals(SAMPLED.getEpochSecond(), w.timestamp());
        assertEquals("SECONDS", w.timestampUnit());
        StringBuilder line = new StringBuilder("aws_iot_demo,device_id=" + DEVICE + " ");
        for (String metric : METRICS) {
            Number v = f.get(metric);
            line.append(metric).append('=').append(v).append(v instanceof Double ? "" : "i").append(',');
        }
        line.append("ram_percent=").append(ramPercent(f)).append(' ').append(SAMPLED.getEpochSecond());
        assertEquals(line.toString(), w.lineProtocol());
    }

    // ---- s3 ---------------------------------------------------------------------------------------------------

    @Test
    void s3GetsOneJsonObjectPerMessageInHivePartitions() throws Exception {
        Map<String, Number> f = steady();
        RuleMatch m = match(publish(f), "shadow_to_s3");
        ObjectNode body = JSON.createObjectNode();
        body.put("device_id", DEVICE);
        body.put("timestamp", f.get("timestamp").longValue());
        for (String metric : METRICS) {
            Number v = f.get(metric);
            // SQL 2016-03-23 (needed for parse_time) writes a whole-number decimal as an integer.
            if (v instanceof Double && v.doubleValue() != Math.rint(v.doubleValue())) {
                body.put(metric, v.doubleValue());
            } else {
                body.put(metric, v.longValue());
            }
        }
        assertEquals(List.of(new S3PutObject("sysmon-metrics-123456789012",
                "device_id=" + DEVICE + "/date=2024-05-01/" + RECEIVED.toEpochMilli() + "-" + ID + ".json",
                JSON.writeValueAsString(body), null)), m.actions());
    }

    @Test
    void theS3DatePartitionIsTheDayInUtc() throws Exception {
        Instant lateEvening = Instant.parse("2024-12-31T23:59:59.999Z");
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("state").set("reported", JSON.valueToTree(steady()));
        RuleMatch m = match(engine.evaluate(TOPIC, JSON.writeValueAsBytes(doc), DEVICE, lateEvening), "shadow_to_s3");
        assertEquals("device_id=my_iot_device_1/date=2024-12-31/1735689599999-" + ID + ".json",
                ((S3PutObject) m.actions().get(0)).key());
    }

    // ---- sns alerts -------------------------------------------------------------------------------------------

    @Test
    void aSteadySampleRaisesNoAlert() throws Exception {
        assertEquals(List.of("shadow_to_timestream", "shadow_to_influxdb", "shadow_to_s3"), names(publish(steady())));
    }

    /** A decimal as SQL 2016-03-23 prints it in the message: {@code 88.3}, or {@code 88} when whole. */
    private static String v2(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Test
    void aSpikeSampleRaisesOneReadableAlert() throws Exception {
        Map<String, Number> f = spike();
        List<RuleMatch> matches = publish(f);
        assertEquals(List.of("shadow_to_timestream", "shadow_to_influxdb", "shadow_to_s3", "shadow_alerts_to_sns"),
                names(matches));
        RuleMatch m = match(matches, "shadow_alerts_to_sns");
        String message = DEVICE + ": cpu_temp " + v2(f.get("cpu_temp")) + " °C > 80 °C, cpu_usage "
                + v2(f.get("cpu_usage")) + " % > 90 %";
        ObjectNode result = JSON.createObjectNode();
        result.put("device_id", DEVICE);
        result.put("timestamp", f.get("timestamp").longValue());
        result.set("cpu_temp", JSON.readTree(v2(f.get("cpu_temp"))));
        result.set("cpu_usage", JSON.readTree(v2(f.get("cpu_usage"))));
        result.put("ram_usage", f.get("ram_usage").longValue());
        result.put("ram_total", f.get("ram_total").longValue());
        result.put("message", message);
        assertEquals(JSON.writeValueAsString(result), m.resultJson());
        assertEquals(List.of(new SnsPublish("arn:aws:sns:us-east-1:123456789012:sysmon-alerts", "RAW",
                JSON.writeValueAsString(result))), m.actions());
    }

    @Test
    void eachThresholdReadsWellOnItsOwn() throws Exception {
        MetricsSnapshot hot = MetricsSnapshot.builder(SAMPLED).cpuUsagePercent(20).cpuTemperatureCelsius(86.1)
                .ramUsedBytes(4L << 30).ramTotalBytes(8L << 30).build();
        assertEquals("my_iot_device_1: cpu_temp 86.1 °C > 80 °C", alert(replay(hot)));

        MetricsSnapshot busy = MetricsSnapshot.builder(SAMPLED).cpuUsagePercent(95.5).cpuTemperatureCelsius(60)
                .ramUsedBytes(4L << 30).ramTotalBytes(8L << 30).build();
        assertEquals("my_iot_device_1: cpu_usage 95.5 % > 90 %", alert(replay(busy)));

        long total = 8L << 30;
        MetricsSnapshot full = MetricsSnapshot.builder(SAMPLED).cpuUsagePercent(20).cpuTemperatureCelsius(60)
                .ramUsedBytes(Math.round(total * 0.932)).ramTotalBytes(total).build();
        assertEquals("my_iot_device_1: ram 93.2 % > 90 %", alert(replay(full)));

        MetricsSnapshot atTheLimit = MetricsSnapshot.builder(SAMPLED).cpuUsagePercent(90).cpuTemperatureCelsius(80)
                .ramUsedBytes(total * 9 / 10).ramTotalBytes(total).build();
        assertFalse(names(publish(replay(atTheLimit))).contains("shadow_alerts_to_sns"), "thresholds are strict");
    }

    @Test
    void aMachineWithoutATemperatureSensorStillAlertsOnCpuUsage() throws Exception {
        MetricsSnapshot sampled = FakeMetricsSampler.builder().seed(42).spike(0, 1).clock(CLOCK).build().sample();
        Map<String, Number> f = replay(withoutTemperature(sampled));
        assertEquals(DEVICE + ": cpu_usage " + v2(f.get("cpu_usage")) + " % > 90 %", alert(f));
    }

    private String alert(Map<String, Number> fields) throws Exception {
        RuleMatch m = match(publish(fields), "shadow_alerts_to_sns");
        return m.result().get("message").textValue();
    }

    // ---- not metric reports ----------------------------------------------------------------------------------

    @Test
    void anUpdateWithoutMetricsFiresNoRule() throws Exception {
        byte[] intervalOnly = "{\"state\":{\"reported\":{\"interval\":5}}}".getBytes();
        assertEquals(List.of(), engine.evaluate(TOPIC, intervalOnly, DEVICE, RECEIVED));
        byte[] desired = "{\"state\":{\"desired\":{\"interval\":5}}}".getBytes();
        assertEquals(List.of(), engine.evaluate(TOPIC, desired, DEVICE, RECEIVED));
    }

    @Test
    void otherShadowTopicsFireNoRule() throws Exception {
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("state").set("reported", JSON.valueToTree(spike()));
        byte[] payload = JSON.writeValueAsBytes(doc);
        assertEquals(List.of(), engine.evaluate(TOPIC + "/accepted", payload, DEVICE, RECEIVED));
        assertEquals(List.of(), engine.evaluate("$aws/things/" + DEVICE + "/shadow/name/metrics/update", payload,
                DEVICE, RECEIVED));
        assertEquals(4, engine.evaluate(TOPIC, payload, DEVICE, RECEIVED).size());
    }
}
