package io.sysmon.benchmarks;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    private static final List<String> MEASURES = List.of("cpu_usage", "cpu_freq", "cpu_temp", "ram_usage",
            "ram_total", "fan_speed", "ram_percent");
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
        Instant end = Instant.now();
        SplittableRandom random = new SplittableRandom(7);
        for (Instant t = end.minus(WINDOW); !t.isAfter(end); t = t.plus(INTERVAL)) {
            for (String device : DEVICES) {
                store.write(write(device, t, random));
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
    public void tearDown() throws IOException {
        server.close();
        store.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
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

    private static TimestreamWrite write(String device, Instant time, SplittableRandom random) {
        List<TimestreamWrite.Dimension> dimensions = List.of(new TimestreamWrite.Dimension("device_id", device));
        String seconds = Long.toString(time.getEpochSecond());
        List<TimestreamWrite.Record> records = new ArrayList<>();
        for (String measure : MEASURES) {
            boolean decimal = !measure.equals("cpu_freq") && !measure.startsWith("ram_u") && !measure.equals("ram_total")
                    && !measure.equals("fan_speed");
            String value = decimal ? Double.toString(Math.round(random.nextDouble(0, 100) * 10) / 10.0)
                    : Long.toString(random.nextLong(1_000, 4_000));
            records.add(new TimestreamWrite.Record(dimensions, measure, value, decimal ? "DOUBLE" : "BIGINT", seconds,
                    "SECONDS"));
        }
        return new TimestreamWrite("aws_iot_demo", "aws_iot_demo", records);
    }
}
