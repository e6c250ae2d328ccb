package io.sysmon.benchmarks;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSnapshot;
import io.sysmon.examples.dashboard.DashboardServer;
import io.sysmon.examples.rules.TimestreamWrite;
import io.sysmon.examples.store.TimeSeriesStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dashboard's JSON API over real HTTP on loopback, as the page calls it: one chart's series for a 24-hour
 * window of 3 devices reporting every 10 s (8,640 points each, averaged by the store to the page's 600), from the
 * real {@link TimeSeriesStore} on disk and the real {@link DashboardServer}. Sample mode, so JMH reports the
 * percentiles; the target is p99 at most 50 ms.
 *
 * <pre>
 * mvn -q -pl examples,examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar DashboardBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DashboardBenchmark {

    private static final List<String> DEVICES = List.of("my_iot_device_1", "my_iot_device_2", "my_iot_device_3");
    /** The measure the Timestream rule adds to the payload's fields. */
    private static final String RAM_PERCENT = "ram_percent";
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    /** {@code gzip} as browsers ask for it, or {@code identity}. */
    @Param({"gzip", "identity"})
    public String encoding;

    private Path dir;
    private TimeSeriesStore store;
    private DashboardServer server;
    private HttpClient http;
    private HttpRequest series;
    private HttpRequest devices;

    /**
     * Fills a store with 24 h of three devices' records and starts the dashboard on a free port.
     *
     * @throws IOException when the temporary directory cannot be made
     */
    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("sysmon-dashboard-bench");
        store = TimeSeriesStore.open(dir);
        List<FakeMetricsSampler> samplers = new ArrayList<>();
        for (int i = 0; i < DEVICES.size(); i++) {
            samplers.add(FakeMetricsSampler.builder().seed(7 + i).scenario(FakeMetricsSampler.Scenario.RANDOM_WALK)
                    .build());
        }
        Instant end = Instant.now();
        for (Instant t = end.minus(WINDOW); !t.isAfter(end); t = t.plus(INTERVAL)) {
            for (int i = 0; i < DEVICES.size(); i++) {
                store.write(write(DEVICES.get(i), samplers.get(i).sample().withTimestamp(t)));
            }
        }
        server = DashboardServer.builder().port(0).metrics(store).alerts(since -> List.of())
                .shadows(thing -> Optional.empty()).build().start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = server.uri();
        series = HttpRequest.newBuilder(base.resolve("/api/series?measure=cpu_usage&window=24h&points=600"))
                .header("Accept-Encoding", encoding).build();
        devices = HttpRequest.newBuilder(base.resolve("/api/devices")).header("Accept-Encoding", encoding).build();
    }

    /** Stops the server and deletes the store's files. */
    @TearDown
    public void tearDown() {
        server.close();
        store.close();
        FixtureTrees.delete(dir);
    }

    /**
     * @return the response size, so the work is not optimised away
     */
    @Benchmark
    public int series24h() throws IOException, InterruptedException {
        return http.send(series, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /**
     * @return the response size
     */
    @Benchmark
    public int devices() throws IOException, InterruptedException {
        return http.send(devices, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    /** The records the Timestream rule writes for one report of {@code snapshot}. */
    private static TimestreamWrite write(String device, MetricsSnapshot snapshot) {
        List<TimestreamWrite.Dimension> dimensions = List.of(new TimestreamWrite.Dimension("device_id", device));
        MetricsPayload payload = MetricsPayload.from(snapshot);
        Map<String, Number> fields = payload.fields();
        String seconds = Long.toString(payload.timestampSeconds());
        List<TimestreamWrite.Record> records = new ArrayList<>();
        for (Map.Entry<String, Number> field : fields.entrySet()) {
            // The timestamp is each record's time, not a measure.
            if (!field.getKey().equals(MetricsPayload.TIMESTAMP)) {
                records.add(record(dimensions, field.getKey(), field.getValue(), seconds));
            }
        }
        Number used = fields.get(MetricsPayload.RAM_USAGE);
        Number total = fields.get(MetricsPayload.RAM_TOTAL);
        if (used != null && total != null) {
            // As the rule's SQL computes it: round(ram_usage * 1000.0 / ram_total) / 10.0.
            records.add(record(dimensions, RAM_PERCENT,
                    Math.round(used.longValue() * 1000.0 / total.longValue()) / 10.0, seconds));
        }
        return new TimestreamWrite("aws_iot_demo", "aws_iot_demo", records);
    }

    private static TimestreamWrite.Record record(List<TimestreamWrite.Dimension> dimensions, String measure,
            Number value, String seconds) {
        // The payload holds decimals as Double and integers as Long; the rule keeps those types.
        return new TimestreamWrite.Record(dimensions, measure, value.toString(),
                value instanceof Double ? "DOUBLE" : "BIGINT", seconds, "SECONDS");
    }
}
