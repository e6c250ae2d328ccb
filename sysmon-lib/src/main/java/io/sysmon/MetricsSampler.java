package io.sysmon;

/**
 * Takes one reading of this machine's system metrics.
 *
 * <p>Every call to {@link #sample()} returns a new, immutable {@link MetricsSnapshot}. A metric the machine
 * cannot provide (no temperature sensor in a VM, no fans on a Raspberry Pi) is an empty optional in the
 * snapshot, never 0, NaN or -1.
 *
 * <p>The library ships three implementations: {@link SysfsMetricsSampler} (reads Linux procfs/sysfs directly,
 * no native code), {@link OshiMetricsSampler} (OSHI, portable) and {@link FakeMetricsSampler} (deterministic,
 * for tests and demos). To write your own, implement {@link #sample()} and run the contract kit
 * {@code io.sysmon.testkit.MetricsSamplerContract} from the {@code sysmon-lib} test-jar against it.
 *
 * <pre>{@code
 * try (MetricsSampler sampler = new SysfsMetricsSampler()) {
 *     MetricsSnapshot snapshot = sampler.sample();
 *     Map<String, Number> payload = MetricsPayload.from(snapshot).fields();
 * }
 * }</pre>
 *
 * <p>Implementations in this library are safe to call from several threads; custom implementations should
 * say whether they are.
 */
public interface MetricsSampler extends AutoCloseable {

    /**
     * Reads the metrics now.
     *
     * <p>A sensor that is missing, unreadable or returns garbage leaves its field empty; it never makes this
     * method throw.
     *
     * @return a new snapshot, never {@code null}
     */
    MetricsSnapshot sample();

    /** Releases whatever the sampler holds. The default does nothing. */
    @Override
    default void close() {
    }
}
