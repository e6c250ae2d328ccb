package io.sysmon;

import io.sysmon.internal.CpuTicks;
import io.sysmon.internal.CpuUsageTracker;
import io.sysmon.internal.WarnOnce;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.Sensors;

/**
 * Reads metrics through <a href="https://github.com/oshi/oshi">OSHI</a>, on any platform OSHI supports
 * (Linux, Windows, macOS, the BSDs, Solaris, AIX).
 *
 * <pre>{@code
 * try (MetricsSampler sampler = new OshiMetricsSampler()) {
 *     MetricsSnapshot snapshot = sampler.sample();
 * }
 * }</pre>
 *
 * <p>What each metric means, and when it is absent (an empty optional or an empty fan list):
 * <ul>
 *   <li><b>CPU usage</b>, %: the share of CPU ticks, summed over all logical processors, that were neither
 *       idle nor I/O wait (so steal, IRQ and nice time count as busy). The <em>first</em> sample of a sampler
 *       reports the average since boot, like the first line of {@code vmstat}; every later sample reports
 *       the interval since the previous sample. When no tick has elapsed since the previous sample (OSHI
 *       refreshes its counters at most every 300 ms by default), or the counters went backwards, the previous
 *       value is repeated, and the next interval is measured from the counters as they now are. Always
 *       within 0–100. Absent only when the counters cannot be read or have never advanced.</li>
 *   <li><b>CPU frequency</b>, MHz: the mean current frequency over the logical processors that report one
 *       above 0. Absent when none does (common in VMs on some platforms); the nominal frequency is never
 *       substituted, because it is not a reading.</li>
 *   <li><b>CPU temperature</b>, °C: OSHI's CPU temperature. Absent when OSHI reports 0 or NaN (its ways of
 *       saying "unknown") or anything outside
 *       {@value SensorLimits#MIN_CPU_CELSIUS}..{@value SensorLimits#MAX_CPU_CELSIUS} °C ({@link SensorLimits}).</li>
 *   <li><b>Fan speeds</b>, rpm: OSHI's fan readings as they come, dropping negative ones. Empty when OSHI
 *       knows no fan.</li>
 *   <li><b>RAM</b>, bytes: total as OSHI reports it; used is total minus <em>available</em> (so reclaimable
 *       page cache is not counted as used). Both absent when the total is not above 0; used alone is absent
 *       when the available figure is not within 0..total.</li>
 * </ul>
 *
 * <p>If OSHI throws while reading a metric (it can, on unusual platforms), that metric is absent from the
 * snapshot and a warning is logged the first time per metric and sampler; {@link #sample()} itself never
 * throws.
 *
 * <p>Thread-safe. Construction probes the hardware and can take about a second; sampling is cheap, so create
 * one sampler and reuse it. OSHI caches readings for about 300 ms, so sampling faster than that repeats values.
 */
public final class OshiMetricsSampler implements MetricsSampler {

    private static final Logger LOG = LoggerFactory.getLogger(OshiMetricsSampler.class);

    private static final int TICK_TYPES = TickType.values().length;
    private static final double HZ_PER_MHZ = 1_000_000.0;

    /** The readings that can fail independently, each warned about once. */
    private enum Reading {
        CPU_TICKS("CPU usage"),
        CPU_FREQUENCY("CPU frequency"),
        CPU_TEMPERATURE("CPU temperature"),
        FAN_SPEEDS("fan speeds"),
        MEMORY("RAM");

        private final String label;

        Reading(String label) {
            this.label = label;
        }
    }

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final Sensors sensors;
    private final Clock clock;
    private final WarnOnce warnings;
    /** Also the lock that serialises reading the ticks and updating it, as the tracker requires. */
    private final CpuUsageTracker cpu = new CpuUsageTracker();

    /**
     * Samples this machine through OSHI, stamping snapshots with the system UTC clock.
     *
     * @throws SamplerException when OSHI does not support this platform
     */
    public OshiMetricsSampler() {
        this(Clock.systemUTC());
    }

    /**
     * Samples this machine through OSHI.
     *
     * @param clock the clock that stamps each snapshot
     * @throws SamplerException when OSHI does not support this platform
     */
    public OshiMetricsSampler(Clock clock) {
        this(openHardware(), clock);
    }

    private OshiMetricsSampler(Hardware hardware, Clock clock) {
        this(hardware.processor, hardware.memory, hardware.sensors, clock);
    }

    /** For tests: samples the given OSHI parts instead of the machine's. */
    OshiMetricsSampler(CentralProcessor processor, GlobalMemory memory, Sensors sensors, Clock clock) {
        this(processor, memory, sensors, clock, WarnOnce.toLog(LOG));
    }

    /** For tests: also sends the once-per-reading warnings to {@code warnings} instead of the log. */
    OshiMetricsSampler(CentralProcessor processor, GlobalMemory memory, Sensors sensors, Clock clock,
            WarnOnce warnings) {
        this.processor = Objects.requireNonNull(processor, "processor must not be null");
        this.memory = Objects.requireNonNull(memory, "memory must not be null");
        this.sensors = Objects.requireNonNull(sensors, "sensors must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.warnings = Objects.requireNonNull(warnings, "warnings must not be null");
    }

    private static final class Hardware {
        final CentralProcessor processor;
        final GlobalMemory memory;
        final Sensors sensors;

        Hardware(HardwareAbstractionLayer hal) {
            this.processor = hal.getProcessor();
            this.memory = hal.getMemory();
            this.sensors = hal.getSensors();
        }
    }

    private static Hardware openHardware() {
        try {
            return new Hardware(new SystemInfo().getHardware());
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: JNA's native part fails to load on platforms OSHI has no binding for.
            throw new SamplerException("OSHI cannot read the hardware of this platform ("
                    + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + e
                    + ". On Linux use SysfsMetricsSampler, which needs no native code.", e);
        }
    }

    /**
     * Reads the metrics now. Never throws: a metric OSHI cannot read is absent (see the class description).
     *
     * @return a new snapshot stamped with this sampler's clock
     */
    @Override
    public MetricsSnapshot sample() {
        MetricsSnapshot.Builder b = MetricsSnapshot.builder(clock.instant());

        cpuUsage().ifPresent(b::cpuUsagePercent);

        read(Reading.CPU_FREQUENCY, processor::getCurrentFreq, OptionalDouble.empty(),
                OshiMetricsSampler::meanFrequencyMhz)
                .ifPresent(b::cpuFrequencyMhz);

        read(Reading.CPU_TEMPERATURE, sensors::getCpuTemperature, OptionalDouble.empty(),
                OshiMetricsSampler::temperatureCelsius)
                .ifPresent(b::cpuTemperatureCelsius);

        b.fanSpeedsRpm(read(Reading.FAN_SPEEDS, sensors::getFanSpeeds, List.of(), OshiMetricsSampler::fanSpeeds));

        long[] totalAndAvailable = read(Reading.MEMORY,
                () -> new long[] {memory.getTotal(), memory.getAvailable()}, null, r -> r);
        if (totalAndAvailable != null) {
            putRam(b, totalAndAvailable[0], totalAndAvailable[1]);
        }
        return b.build();
    }

    private OptionalDouble cpuUsage() {
        // Reading inside the lock keeps reads and updates in one order, so no thread measures an interval
        // against a newer reading than its own.
        synchronized (cpu) {
            Optional<CpuTicks> ticks = read(Reading.CPU_TICKS, processor::getSystemCpuLoadTicks, Optional.empty(),
                    OshiMetricsSampler::cpuTicks);
            return ticks.isPresent() ? cpu.update(ticks.get()) : OptionalDouble.empty();
        }
    }

    /**
     * Calls OSHI, turning anything it throws into {@code fallback} and a once-per-reading warning.
     */
    private <T, R> R read(Reading reading, Supplier<T> oshiCall, R fallback,
            Function<T, R> convert) {
        try {
            T raw = oshiCall.get();
            return raw == null ? fallback : convert.apply(raw);
        } catch (RuntimeException | LinkageError e) {
            warnings.warn(reading.name(), "OSHI failed to read " + reading.label + "; it is left out of snapshots"
                    + " while this persists (further failures are logged at debug level)", e);
            return fallback;
        }
    }

    /**
     * @param ticks OSHI's system tick counters, indexed by {@link TickType#getIndex()}
     * @return the same counters as {@link CpuTicks}, or empty when there is not one per tick type
     */
    static Optional<CpuTicks> cpuTicks(long[] ticks) {
        if (ticks == null || ticks.length != TICK_TYPES) {
            return Optional.empty();
        }
        return Optional.of(new CpuTicks(ticks[TickType.USER.getIndex()], ticks[TickType.NICE.getIndex()],
                ticks[TickType.SYSTEM.getIndex()], ticks[TickType.IDLE.getIndex()],
                ticks[TickType.IOWAIT.getIndex()], ticks[TickType.IRQ.getIndex()],
                ticks[TickType.SOFTIRQ.getIndex()], ticks[TickType.STEAL.getIndex()]));
    }

    /**
     * @param currentHz OSHI's per-logical-processor current frequencies in Hz, 0 or less meaning unknown
     * @return the mean of the known ones in MHz, or empty when none is known
     */
    static OptionalDouble meanFrequencyMhz(long[] currentHz) {
        long count = 0;
        double sumHz = 0;
        for (long hz : currentHz) {
            if (hz > 0) {
                sumHz += hz;
                count++;
            }
        }
        return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sumHz / count / HZ_PER_MHZ);
    }

    /**
     * @param celsius OSHI's CPU temperature
     * @return the temperature, or empty when OSHI means "unknown" (0, NaN) or the value is outside
     *         {@link SensorLimits}
     */
    static OptionalDouble temperatureCelsius(double celsius) {
        // 0 is OSHI's "no sensor"; a real CPU at exactly 0.0 °C is far less likely than a missing sensor.
        if (celsius == 0 || !SensorLimits.isPlausibleCpuCelsius(celsius)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(celsius);
    }

    /**
     * @param rpm OSHI's fan speeds, an empty array when it knows no fan
     * @return the speeds that are at least 0, in OSHI's order
     */
    static List<Integer> fanSpeeds(int[] rpm) {
        List<Integer> speeds = new ArrayList<>(rpm.length);
        for (int value : rpm) {
            if (value >= 0) {
                speeds.add(value);
            }
        }
        return speeds;
    }

    /**
     * Sets RAM total and used from OSHI's figures, leaving out whatever they cannot support.
     *
     * @param b the snapshot being built
     * @param totalBytes OSHI's total; 0 or less means unknown
     * @param availableBytes OSHI's available; only trusted within 0..total
     */
    static void putRam(MetricsSnapshot.Builder b, long totalBytes, long availableBytes) {
        if (totalBytes <= 0) {
            return;
        }
        b.ramTotalBytes(totalBytes);
        if (availableBytes >= 0 && availableBytes <= totalBytes) {
            b.ramUsedBytes(totalBytes - availableBytes);
        }
    }

    @Override
    public String toString() {
        return "OshiMetricsSampler{clock=" + clock + '}';
    }
}
