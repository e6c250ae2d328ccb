package io.sysmon.examples.rules.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.MetricsPayload;
import io.sysmon.examples.alerts.Alert;
import io.sysmon.examples.alerts.AlertNotifier;
import io.sysmon.examples.alerts.WebhookReceiver;
import io.sysmon.examples.rules.InfluxDbWrite;
import io.sysmon.examples.rules.RuleEngine;
import io.sysmon.examples.rules.ShippedRules;
import io.sysmon.examples.rules.TopicRule;
import io.sysmon.examples.store.SeriesPoint;
import io.sysmon.examples.store.TimeSeriesStore;
import io.sysmon.shadow.local.AcceptedUpdate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped rules' actions carried out locally, fed real payloads as the shadow service accepts them. */
class LocalRuleRunnerTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String THING = "my_iot_device_1";
    /** Every metric of the device's payload, in its order. */
    private static final List<String> METRICS = MetricsPayload.FIELD_NAMES.stream()
            .filter(name -> !name.equals(MetricsPayload.TIMESTAMP)).toList();
    /** What the Timestream rule writes: every metric, then the RAM percentage it computes. */
    private static final List<String> MEASURES = Stream.concat(METRICS.stream(), Stream.of("ram_percent")).toList();

    @TempDir
    Path dir;

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private TimeSeriesStore store;
    private AlertNotifier alerts;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static Supplier<UUID> uuids() {
        AtomicLong n = new AtomicLong();
        return () -> new UUID(0, n.incrementAndGet());
    }

    private LocalRuleRunner runner(Optional<URI> webhook, List<TopicRule> rules, int queueCapacity) {
        store = TimeSeriesStore.open(dir, Clock.fixed(Payloads.T0, ZoneOffset.UTC));
        toClose.add(store);
        alerts = AlertNotifier.open(dir, webhook);
        toClose.add(alerts);
        LocalRuleRunner runner = LocalRuleRunner.builder(dir, store, alerts).rules(rules).uuids(uuids())
                .queueCapacity(queueCapacity).warnings(warnings::add).build();
        toClose.add(runner);
        return runner;
    }

    private LocalRuleRunner runner() {
        return runner(Optional.empty(), ShippedRules.load(), LocalRuleRunner.DEFAULT_QUEUE_CAPACITY);
    }

    private static void await(LocalRuleRunner runner) throws InterruptedException {
        assertTrue(runner.awaitProcessed(BOUND), "not processed in time");
    }

    @Test
    void aMetricsReportBecomesTimestreamRecordsAnS3ObjectAndAnInfluxDbLine() throws Exception {
        LocalRuleRunner runner = runner();
        Payloads payloads = new Payloads(-1, 0);
        Map.Entry<AcceptedUpdate, Map<String, Number>> first = payloads.next(THING);
        Map<String, Number> f = first.getValue();
        long seconds = f.get("timestamp").longValue();

        runner.onAcceptedUpdate(first.getKey());
        await(runner);

        // Timestream: one record per metric, device_id from the topic, the device's own time
        assertEquals(Set.of(THING), store.devices());
        assertEquals(Set.copyOf(MEASURES), store.measures());
        assertEquals(Optional.of(Instant.ofEpochSecond(seconds)), store.lastSeen(THING));
        for (String measure : MEASURES) {
            double expected = measure.equals("ram_percent")
                    ? Math.round(f.get("ram_usage").longValue() * 1000.0 / f.get("ram_total").longValue()) / 10.0
                    : f.get(measure).doubleValue();
            assertEquals(Map.of(THING, List.of(new SeriesPoint(seconds * 1000, expected))),
                    store.series(measure, Payloads.T0, Payloads.T0.plusSeconds(60), Set.of(), 10), measure);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("timestream/aws_iot_demo/aws_iot_demo/2024-05-01.jsonl"))) {
            lines.add(Payloads.JSON.readTree(line));
        }
        assertEquals(MEASURES, lines.stream().map(l -> l.path("measure_name").asText()).toList());
        JsonNode cpu = lines.get(0);
        assertEquals(THING, cpu.path("dimensions").path("device_id").asText());
        assertEquals("DOUBLE", cpu.path("measure_value_type").asText());
        assertEquals(f.get("cpu_usage").toString(), cpu.path("measure_value").asText());
        assertEquals(seconds, cpu.path("time").asLong());
        assertEquals("SECONDS", cpu.path("time_unit").asText());
        assertEquals("BIGINT", lines.get(1).path("measure_value_type").asText());

        // S3: the rule's key under the bucket's folder; the body is the SELECT result
        long receivedMillis = (seconds + 1) * 1000;
        Path object = dir.resolve("s3/sysmon-metrics-123456789012/device_id=" + THING + "/date=2024-05-01/"
                + receivedMillis + "-" + new UUID(0, 1) + ".json");
        assertTrue(Files.isRegularFile(object), () -> object + " missing; s3/ holds " + listing(dir.resolve("s3")));
        ObjectNode expectedBody = Payloads.JSON.createObjectNode().put("device_id", THING).put("timestamp", seconds);
        for (String field : METRICS) {
            expectedBody.set(field, Payloads.JSON.valueToTree(f.get(field)));
        }
        assertEquals(Payloads.JSON.readTree(expectedBody.toString()), Payloads.JSON.readTree(Files.readString(object)));

        // InfluxDB: the point's line protocol, one line per update
        List<String> influx = Files.readAllLines(dir.resolve("influxdb/aws_iot_demo.lp"));
        assertEquals(1, influx.size());
        assertTrue(influx.get(0).startsWith("aws_iot_demo,device_id=" + THING + " cpu_usage=" + f.get("cpu_usage")
                + ",cpu_freq=" + f.get("cpu_freq") + "i,"), influx::toString);
        assertTrue(influx.get(0).endsWith(" " + seconds), influx::toString);
        InfluxDbWrite rendered = (InfluxDbWrite) new RuleEngine(List.of(ShippedRules.load("shadow-to-influxdb.json")))
                .evaluate(first.getKey().topic(), first.getKey().request().getBytes(StandardCharsets.UTF_8), THING,
                        first.getKey().timestamp()).get(0).actions().get(0);
        assertEquals(rendered.lineProtocol(), influx.get(0));

        // steady values: no alert, no error
        assertFalse(Files.exists(dir.resolve("logs")));
        assertEquals(List.of(), Files.readAllLines(alerts.logFile()));
        assertEquals(List.of(), warnings);
        assertEquals(1, runner.processed());
    }

    @Test
    void aSpikeFiresOneAlertAndTheNextSteadySampleResolvesItOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            LocalRuleRunner runner = runner(Optional.of(receiver.uri()), ShippedRules.load(), 100);
            Payloads payloads = new Payloads(1, 3); // steady, spike, spike, spike, steady, steady
            List<Map<String, Number>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Map.Entry<AcceptedUpdate, Map<String, Number>> next = payloads.next(THING);
                sent.add(next.getValue());
                runner.onAcceptedUpdate(next.getKey());
            }
            await(runner);

            List<String> log = Files.readAllLines(alerts.logFile(), StandardCharsets.UTF_8);
            assertEquals(2, log.size(), log::toString);
            JsonNode fired = Payloads.JSON.readTree(log.get(0));
            JsonNode resolved = Payloads.JSON.readTree(log.get(1));
            Instant firedAt = Instant.ofEpochSecond(sent.get(1).get("timestamp").longValue() + 1);
            Instant resolvedAt = Instant.ofEpochSecond(sent.get(4).get("timestamp").longValue() + 1);
            String message = THING + ": cpu_temp " + sent.get(1).get("cpu_temp") + " °C > 80 °C, cpu_usage "
                    + sent.get(1).get("cpu_usage") + " % > 90 %";
            assertEquals("fired", fired.path("event").asText());
            assertEquals(THING, fired.path("device").asText());
            assertEquals("shadow_alerts_to_sns", fired.path("rule").asText());
            assertEquals(message, fired.path("message").asText());
            assertEquals(firedAt.toString(), fired.path("time").asText());
            assertEquals("resolved", resolved.path("event").asText());
            assertEquals(resolvedAt.toString(), resolved.path("time").asText());

            assertEquals(List.of(new Alert(THING, "shadow_alerts_to_sns", message, firedAt, Optional.of(resolvedAt))),
                    alerts.alerts(Payloads.T0));
            assertEquals(log.get(0), receiver.next(BOUND));
            assertEquals(log.get(1), receiver.next(BOUND));
            assertTrue(alerts.awaitWebhook(BOUND));
            assertNull(receiver.next(Duration.ZERO));
            assertEquals(6 * MEASURES.size(), Files.readAllLines(
                    dir.resolve("timestream/aws_iot_demo/aws_iot_demo/2024-05-01.jsonl")).size());
        }
    }

    @Test
    void updatesWithoutMetricsNeitherStoreNorResolve() throws Exception {
        LocalRuleRunner runner = runner();
        Payloads payloads = new Payloads(0, 1);
        runner.onAcceptedUpdate(payloads.next(THING).getKey()); // a spike: fires
        runner.onAcceptedUpdate(payloads.update(THING, "{\"state\":{\"desired\":{\"interval\":5}}}", 0));
        runner.onAcceptedUpdate(payloads.update(THING, "{\"state\":{\"reported\":{\"interval\":5}}}", 0));
        runner.onAcceptedUpdate(new AcceptedUpdate(THING, Optional.of("metrics"), "$aws/things/" + THING
                + "/shadow/name/metrics/update", Payloads.request(payloads.nextFields()), "{}", 9, THING,
                Payloads.T0)); // a named shadow: the rules' FROM does not match
        await(runner);

        assertTrue(alerts.isFiring(THING, "shadow_alerts_to_sns"));
        assertEquals(1, Files.readAllLines(alerts.logFile()).size());
        assertEquals(1, store.series("cpu_usage", Instant.EPOCH, Instant.MAX, Set.of(), 10).get(THING).size());
        assertEquals(4, runner.processed());
    }

    @Test
    void aFailingActionGoesToTheErrorActionsLogWithOneWarningPerRuleAndCause() throws Exception {
        // A template in the log group: the error action of a failure here is rendered as the engine renders its own.
        String errorAction = ",\"errorAction\":{\"cloudwatchLogs\":{\"logGroupName\":\"/errors/${topic(3)}\","
                + "\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}}}";
        TopicRule escaping = TopicRule.parse("escaping_s3", "{\"sql\":\"SELECT * FROM '$aws/things/+/shadow/update'\","
                + "\"actions\":[{\"s3\":{\"bucketName\":\"b\",\"key\":\"../${topic(3)}.json\","
                + "\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}}]" + errorAction, "test");
        TopicRule noTime = TopicRule.parse("no_time", "{\"sql\":\"SELECT state.reported.cpu_usage AS cpu_usage "
                + "FROM '$aws/things/+/shadow/update'\",\"awsIotSqlVersion\":\"2015-10-08\",\"actions\":[{"
                + "\"timestream\":{\"databaseName\":\"db\",\"tableName\":\"tb\",\"dimensions\":[{\"name\":"
                + "\"device_id\",\"value\":\"${topic(3)}\"}],\"timestamp\":{\"value\":\"${state.reported.missing}\","
                + "\"unit\":\"SECONDS\"},\"roleArn\":\"arn:aws:iam::123456789012:role/r\"}}]" + errorAction, "test");
        LocalRuleRunner runner = runner(Optional.empty(), List.of(escaping, noTime), 100);
        Payloads payloads = new Payloads(-1, 0);
        for (int i = 0; i < 3; i++) {
            runner.onAcceptedUpdate(payloads.next(THING).getKey());
        }
        await(runner);

        Path log = dir.resolve("logs/errors_" + THING + ".log");
        try (Stream<Path> logs = Files.list(dir.resolve("logs"))) {
            assertEquals(List.of(log), logs.toList(), "every error goes to the device's own log group");
        }
        List<String> events = Files.readAllLines(log);
        assertEquals(6, events.size(), events::toString);
        JsonNode s3 = Payloads.JSON.readTree(events.get(0));
        assertEquals("/errors/" + THING, s3.path("logGroupName").asText());
        assertEquals("escaping_s3", s3.path("message").path("ruleName").asText());
        assertEquals("$aws/things/" + THING + "/shadow/update", s3.path("message").path("topic").asText());
        assertEquals(THING, s3.path("message").path("clientId").asText());
        JsonNode failure = s3.path("message").path("failures").get(0);
        assertEquals("S3Action", failure.path("failedAction").asText());
        assertEquals("b", failure.path("failedResource").asText());
        assertTrue(failure.path("errorMessage").asText().contains("'..'"), failure::toString);
        JsonNode timestream = Payloads.JSON.readTree(events.get(1));
        assertEquals("TimestreamAction", timestream.path("message").path("failures").get(0).path("failedAction")
                .asText());

        assertFalse(Files.exists(dir.resolve("s3")) && listing(dir.resolve("s3")).contains(".json"));
        assertFalse(Files.exists(dir.resolve(THING + ".json")));
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("rule escaping_s3: S3Action on b failed: the object key '../"
                + THING + ".json' has a '..' segment"), warnings::toString);
        assertTrue(warnings.get(0).contains("; each failure goes to " + log), warnings::toString);
        assertTrue(warnings.get(1).startsWith("rule no_time: TimestreamAction on db/tb failed: "),
                warnings::toString);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheBroker() throws Exception {
        LocalRuleRunner runner = runner(Optional.empty(), ShippedRules.load(), 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        assertTrue(runner.handOver(() -> {
            blocking.countDown();
            try {
                release.await(BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertTrue(blocking.await(BOUND.toSeconds(), TimeUnit.SECONDS));
        Payloads payloads = new Payloads(-1, 0);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            runner.onAcceptedUpdate(payloads.next(THING).getKey());
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "the listener blocked");
        assertEquals(3, runner.dropped());
        release.countDown();
        await(runner);
        assertEquals(2, runner.processed());
        assertEquals(2, store.series("cpu_usage", Instant.EPOCH, Instant.MAX, Set.of(), 10).get(THING).size());
    }

    @Test
    void closeProcessesWhatIsQueued() throws Exception {
        LocalRuleRunner runner = runner();
        Payloads payloads = new Payloads(-1, 0);
        for (int i = 0; i < 50; i++) {
            runner.onAcceptedUpdate(payloads.next(THING).getKey());
        }
        runner.close();
        assertEquals(50, runner.processed());
        assertEquals(50, store.series("cpu_usage", Instant.EPOCH, Instant.MAX, Set.of(), 100).get(THING).size());
        runner.onAcceptedUpdate(payloads.next(THING).getKey());
        assertEquals(1, runner.dropped());
        assertTrue(runner.awaitProcessed(BOUND));
    }

    @Test
    void objectKeysThatWouldLeaveTheBucketsFolderAreRefused() {
        LocalFiles files = new LocalFiles(dir);
        assertEquals(dir.resolve("s3/b/device_id=x/date=2024-05-01/1-u.json"),
                files.objectPath("b", "device_id=x/date=2024-05-01/1-u.json"));
        for (String key : List.of("../x", "a/../../x", "/etc/passwd", "a/./b", "a//b", "", "dir/", "a\\b")) {
            try {
                files.objectPath("b", key);
                throw new AssertionError("accepted " + key);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("'" + key + "'"), expected::getMessage);
            }
        }
        for (String bucket : List.of("..", "a/b", "", ".hidden")) {
            try {
                files.objectPath(bucket, "k");
                throw new AssertionError("accepted bucket " + bucket);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
        assertEquals("sysmon_iot-rule-errors", LocalFiles.fileName("/sysmon/iot-rule-errors"));
        assertEquals("default", LocalFiles.fileName("/../"));
    }

    private static String listing(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).toList().toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
