package io.sysmon.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.examples.rules.Message;
import io.sysmon.examples.rules.RuleEngine;
import io.sysmon.examples.rules.RuleMatch;
import io.sysmon.examples.rules.ShippedRules;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many shadow updates per second the offline rules engine handles: the four shipped rules evaluated on one
 * realistic {@code $aws/things/my_iot_device_1/shadow/update} message, from its bytes to every action request
 * rendered (Timestream records, InfluxDB line protocol, the S3 object, and for a spike the SNS alert).
 *
 * <pre>
 * mvn -q -pl examples,examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar RulesBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1
 * </pre>
 *
 * <p>{@code evaluate} is the whole job; {@code parseOnly} parses the payload and nothing else, the floor under
 * it. The target is at least 200,000 messages per second on one core. {@code sample=steady} fires three rules
 * (no alert), {@code sample=spike} all four.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RulesBenchmark {

    private static final String DEVICE = "my_iot_device_1";
    private static final String TOPIC = "$aws/things/" + DEVICE + "/shadow/update";
    private static final Instant SAMPLED = Instant.parse("2024-05-01T12:00:00Z");

    /** {@code steady}: a normal reading; {@code spike}: a hot, busy CPU that also raises the SNS alert. */
    @Param({"steady", "spike"})
    public String sample;

    private RuleEngine engine;
    private byte[] payload;
    private Instant received;

    /**
     * @throws IOException never: the payload is built in memory
     */
    @Setup
    public void setUp() throws IOException {
        FakeMetricsSampler.Builder sampler = FakeMetricsSampler.builder().seed(42)
                .clock(Clock.fixed(SAMPLED, ZoneOffset.UTC));
        if (sample.equals("spike")) {
            sampler.spike(0, 1);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.putObject("state").set("reported",
                json.valueToTree(MetricsPayload.from(sampler.build().sample()).fields()));
        payload = json.writeValueAsBytes(doc);
        received = SAMPLED.plusMillis(150);
        engine = new RuleEngine(ShippedRules.load());

        int fired = engine.evaluate(TOPIC, payload, DEVICE, received).size();
        int expected = sample.equals("spike") ? 4 : 3;
        if (fired != expected) {
            throw new IllegalStateException(fired + " rules fired for the " + sample + " sample, expected " + expected);
        }
        System.out.println();
        System.out.println("# " + payload.length + "-byte payload, " + fired + " of "
                + engine.rules().size() + " rules fire: " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** @return every match, with its action requests */
    @Benchmark
    public List<RuleMatch> evaluate() {
        return engine.evaluate(TOPIC, payload, DEVICE, received);
    }

    /** @return the parsed message: the floor under {@link #evaluate()} */
    @Benchmark
    public Message parseOnly() {
        return Message.of(TOPIC, payload, DEVICE, received);
    }
}
