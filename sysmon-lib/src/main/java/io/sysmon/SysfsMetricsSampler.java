package io.sysmon;

import io.sysmon.internal.SysfsSampling;
import io.sysmon.internal.WarnOnce;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads metrics straight from Linux procfs and sysfs: no native code, so it runs on a Raspberry Pi, in a
 * container or on a server alike.
 *
 * <pre>{@code
 * try (MetricsSampler sampler = new SysfsMetricsSampler()) {
 *     MetricsSnapshot snapshot = sampler.sample();
 * }
 * }</pre>
 *
 * <p>The constructor checks that the root holds a Linux procfs and discovers the sensor files once; samples then
 * read only those files. A sensor that appears later (a module loaded after construction) is not seen until a
 * new sampler is made.
 *
 * <h2>Where each metric comes from</h2>
 * <ul>
 *   <li><b>CPU usage, %</b>: the aggregate {@code cpu} line of {@code /proc/stat}, without sleeping. The
 *       <em>first</em> sample reports the average since boot (as vmstat's first line does); every later sample
 *       reports the interval since the previous sample of this sampler. Busy time is everything but idle and
 *       iowait, out of user + nice + system + idle + iowait + irq + softirq + steal (guest time is already inside
 *       user and nice). When two samples fall within one clock tick, or the counters went backwards (CPU
 *       hotplug), the previous value is repeated.</li>
 *   <li><b>CPU frequency, MHz</b>: the mean over CPUs of {@code
 *       /sys/devices/system/cpu/cpu<N>/cpufreq/scaling_cur_freq} (CPUs sharing a policy share a file, read once);
 *       when no CPU has that file at construction (many VMs), the mean of {@code /proc/cpuinfo}'s {@code cpu MHz}
 *       lines, read only then; absent when neither exists (ARM without cpufreq).</li>
 *   <li><b>CPU temperature, °C</b>: one CPU sensor, chosen in this order: hwmon {@code coretemp}
 *       {@code Package id 0} (or, without it, the hottest {@code Core N}); hwmon {@code k10temp} {@code Tdie},
 *       then {@code Tctl}, then {@code temp1}; hwmon {@code zenpower} {@code Tdie}, then {@code Tctl}; hwmon
 *       {@code cpu_thermal}, {@code cpu-thermal} or {@code soc_thermal}; a thermal zone of type
 *       {@code cpu-thermal}, {@code cpu_thermal}, {@code x86_pkg_temp}, {@code soc_thermal},
 *       {@code soc-thermal}, {@code cpu0-thermal}, {@code cpu} or another type starting with {@code cpu}. Board,
 *       disk, chipset, Wi-Fi and GPU sensors ({@code acpitz}, {@code nvme}, {@code pch_*}, {@code amdgpu}, ...)
 *       are never chosen while a CPU sensor exists; with none, {@code thermal_zone0} is used, whatever it is.
 *       A reading of exactly 0 or outside
 *       {@value SensorLimits#MIN_CPU_CELSIUS}..{@value SensorLimits#MAX_CPU_CELSIUS} °C ({@link SensorLimits})
 *       is a broken sensor and leaves the field absent.</li>
 *   <li><b>RAM, bytes</b>: {@code /proc/meminfo}; used is {@code MemTotal − MemAvailable}, or
 *       {@code MemTotal − (MemFree + Buffers + Cached)} on kernels before 3.14, which lack MemAvailable.</li>
 *   <li><b>Fans, rpm</b>: every hwmon {@code fan<N>_input}, ordered by hwmon number, then fan number. A stopped
 *       fan reads 0 and is kept.</li>
 * </ul>
 *
 * <p><b>Absent values.</b> A sensor file that is missing, unreadable, empty or holds junk leaves its metric out of
 * the snapshot (empty optional, or that one fan out of the list; a bad cpufreq file leaves its CPUs out of the
 * mean). {@link #sample()} never throws for it, and logs one SLF4J warning per file (logger
 * {@code io.sysmon.SysfsMetricsSampler}) for the life of the sampler, not one per sample; later failures of
 * that file are logged at DEBUG under the same logger.
 *
 * <p><b>Thread-safety.</b> {@link #sample()} may be called from several threads at once; CPU usage is then
 * measured between consecutive calls in whatever order they reach {@code /proc/stat}. {@link #close()} does
 * nothing: the sampler holds no open files between samples.
 */
public final class SysfsMetricsSampler implements MetricsSampler {

    private static final Logger LOG = LoggerFactory.getLogger(SysfsMetricsSampler.class);

    private final SysfsSampling sampling;

    /**
     * Reads the running machine's {@code /proc} and {@code /sys}.
     *
     * @throws SamplerException when this is not Linux (no readable {@code /proc/stat})
     */
    public SysfsMetricsSampler() {
        this(Path.of("/"));
    }

    /**
     * @param root the filesystem root holding {@code proc/} and {@code sys/}, such as {@code /} or a captured
     *        copy of a machine's files
     * @throws SamplerException when {@code root/proc/stat} is missing, unreadable or does not start with an
     *         aggregate {@code cpu} line; the message names the path
     */
    public SysfsMetricsSampler(Path root) {
        this(root, Clock.systemUTC());
    }

    /**
     * @param root the filesystem root holding {@code proc/} and {@code sys/}, such as {@code /} or a captured
     *        copy of a machine's files
     * @param clock the clock that stamps each snapshot
     * @throws SamplerException when {@code root/proc/stat} is missing, unreadable or does not start with an
     *         aggregate {@code cpu} line; the message names the path
     */
    public SysfsMetricsSampler(Path root, Clock clock) {
        this.sampling = new SysfsSampling(root, clock, WarnOnce.toLog(LOG));
    }

    /** @return the filesystem root read, absolute and normalized */
    public Path root() {
        return sampling.root();
    }

    /**
     * Describes the sensors discovered at construction, for a log line or a status page.
     *
     * @return one line such as {@code temperature: hwmon coretemp 'Package id 0'; frequency: 8 cpufreq files
     *         for 8 CPUs; fans: 3}
     */
    public String sensorSummary() {
        return sampling.sensorSummary();
    }

    @Override
    public MetricsSnapshot sample() {
        return sampling.sample();
    }

    @Override
    public String toString() {
        return "SysfsMetricsSampler[" + sampling.root() + ": " + sampling.sensorSummary() + "]";
    }
}
