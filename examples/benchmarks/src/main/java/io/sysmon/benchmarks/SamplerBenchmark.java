package io.sysmon.benchmarks;

import io.sysmon.MetricsSnapshot;
import io.sysmon.OshiMetricsSampler;
import io.sysmon.SysfsMetricsSampler;
import io.sysmon.internal.FileRead;
import io.sysmon.internal.SmallFileReader;
import io.sysmon.internal.SysfsSampling;
import io.sysmon.internal.WarnOnce;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.LoggerFactory;

/**
 * What one sample costs: the sysfs sampler against the bare cost of reading the same files, and OSHI.
 *
 * <pre>
 * mvn -q -pl sysmon-lib,examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar SamplerBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 *
 * <p>{@code sysfsSample} measures {@link SysfsMetricsSampler#sample()} through the {@link SysfsSampling} it
 * delegates to, so that {@code bareReads} can read exactly the files that very instance reads per sample, with
 * the same routine ({@link SmallFileReader}) and limits, and nothing else; the sampler's own cost is the
 * difference. The target is {@code sysfsSample <= 1.5 x bareReads}. {@code tree=real} reads this machine's
 * {@code /}; {@code tree=intel-desktop} reads a copy of the test fixture with every kind of sensor (14 files per
 * sample).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SamplerBenchmark {

    /** A sysfs sampler and the list of files it reads per sample, on one root. */
    @State(Scope.Benchmark)
    public static class Sysfs {

        /** {@code real} for this machine's {@code /}, or the name of a fixture tree packed in the jar. */
        @Param({"real", "intel-desktop"})
        public String tree;

        /** What {@link SysfsMetricsSampler} wraps, with its warnings under the same logger. */
        SysfsSampling sampling;
        List<FileRead> files;
        private Path extracted;

        /**
         * @throws IOException when the fixture tree cannot be unpacked
         */
        @Setup
        public void setUp() throws IOException {
            Path root;
            if (tree.equals("real")) {
                root = Path.of("/");
            } else {
                extracted = FixtureTrees.extract(tree);
                root = extracted;
            }
            sampling = new SysfsSampling(root, Clock.systemUTC(),
                    WarnOnce.toLog(LoggerFactory.getLogger(SysfsMetricsSampler.class)));
            files = sampling.filesReadPerSample();
            System.out.println();
            System.out.println("# tree=" + tree + ": " + sampling.sensorSummary() + "; " + files.size()
                    + " files per sample");
        }

        /** Removes the unpacked fixture tree. */
        @TearDown
        public void tearDown() {
            if (extracted != null) {
                FixtureTrees.delete(extracted);
            }
        }
    }

    /** An OSHI sampler on this machine. */
    @State(Scope.Benchmark)
    public static class Oshi {

        OshiMetricsSampler sampler;

        /** Creates the sampler; OSHI's own discovery happens here, outside the measurement. */
        @Setup
        public void setUp() {
            sampler = new OshiMetricsSampler();
        }

        /** Closes the sampler. */
        @TearDown
        public void tearDown() {
            sampler.close();
        }
    }

    /**
     * @param state the sampler
     * @return the snapshot, so the JIT cannot drop the work
     */
    @Benchmark
    public MetricsSnapshot sysfsSample(Sysfs state) {
        return state.sampling.sample();
    }

    /**
     * @param state the file list
     * @param blackhole sinks each file's text
     * @throws IOException when a file cannot be read
     */
    @Benchmark
    public void bareReads(Sysfs state, Blackhole blackhole) throws IOException {
        for (FileRead file : state.files) {
            blackhole.consume(file.read());
        }
    }

    /**
     * @param state the sampler
     * @return the snapshot
     */
    @Benchmark
    public MetricsSnapshot oshiSample(Oshi state) {
        return state.sampler.sample();
    }
}
