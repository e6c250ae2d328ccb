package io.sysmon.internal;

import io.sysmon.MetricsSnapshot;
import io.sysmon.SamplerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The working part of {@link io.sysmon.SysfsMetricsSampler}: checks the root, discovers sensors once, then reads
 * them on each {@link #sample()}. Public only so the sampler and the benchmarks can reach it.
 *
 * <p>Thread-safe: the file list is immutable, the CPU tick state is guarded by one lock held across reading
 * {@code /proc/stat} and updating the {@link CpuUsageTracker}, and {@link WarnOnce} is concurrent.
 */
public final class SysfsSampling {

    private static final Logger LOG = LoggerFactory.getLogger(SysfsSampling.class);

    /** What to do when the root is not a Linux root; the end of every construction failure's message. */
    public static final String ROOT_FIX = "pass the root of a filesystem that holds proc/ and sys/";

    /** The aggregate line is first and under 250 bytes even with 20-digit counters; the rest is never parsed. */
    static final int PROC_STAT_LIMIT = 1024;
    /** Real files are 1.5 KiB; the parser stops at MemAvailable anyway. */
    static final int PROC_MEMINFO_LIMIT = 64 * 1024;

    private static final String FAN_LEFT_OUT = "this fan is left out of the fan speeds";
    private static final String CPUFREQ_LEFT_OUT = "its CPUs are left out of the frequency mean";
    private static final String TEMPERATURE_LEFT_OUT = "this sensor is left out of the CPU temperature";

    private final Path root;
    private final Clock clock;
    private final WarnOnce warnings;
    private final String sensorSummary;
    private final FileRead stat;
    private final FileRead meminfo;
    private final FileRead cpuinfo;
    private final FileRead[] cpufreqFiles;
    private final int[] cpufreqWeights;
    private final FileRead[] temperatureFiles;
    private final FileRead[] fanFiles;
    private final List<FileRead> filesReadPerSample;
    /** Also the lock that serialises reading {@code /proc/stat} and updating it, as the tracker requires. */
    private final CpuUsageTracker cpu = new CpuUsageTracker();

    /**
     * @param root the filesystem root holding {@code proc/} and {@code sys/}
     * @param clock stamps each snapshot
     * @param warnings receives the one warning per broken sensor
     * @throws SamplerException when {@code root/proc/stat} is missing, unreadable or has no aggregate
     *         {@code cpu} line
     */
    public SysfsSampling(Path root, Clock clock, WarnOnce warnings) {
        this.root = Objects.requireNonNull(root, "root must not be null").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        this.warnings = Objects.requireNonNull(warnings, "warnings must not be null");
        this.stat = new FileRead(this.root.resolve("proc/stat"), PROC_STAT_LIMIT);
        checkProcfs(this.root, stat);
        this.meminfo = new FileRead(this.root.resolve("proc/meminfo"), PROC_MEMINFO_LIMIT);
        SensorLayout layout = SensorDiscovery.discover(this.root, warnings);
        this.sensorSummary = layout.summary();

        List<FileRead> files = new ArrayList<>();
        files.add(stat);
        files.add(meminfo);
        cpufreqFiles = new FileRead[layout.cpufreq().size()];
        cpufreqWeights = new int[cpufreqFiles.length];
        for (int i = 0; i < cpufreqFiles.length; i++) {
            cpufreqFiles[i] = attribute(layout.cpufreq().get(i).file());
            cpufreqWeights[i] = layout.cpufreq().get(i).cpus();
            files.add(cpufreqFiles[i]);
        }
        if (layout.cpuinfoFrequency()) {
            cpuinfo = new FileRead(this.root.resolve("proc/cpuinfo"), SensorDiscovery.CPUINFO_LIMIT);
            files.add(cpuinfo);
        } else {
            cpuinfo = null;
        }
        List<Path> temperaturePaths = layout.temperature().map(TemperatureSource::files).orElse(List.of());
        temperatureFiles = new FileRead[temperaturePaths.size()];
        for (int i = 0; i < temperatureFiles.length; i++) {
            temperatureFiles[i] = attribute(temperaturePaths.get(i));
            files.add(temperatureFiles[i]);
        }
        fanFiles = new FileRead[layout.fans().size()];
        for (int i = 0; i < fanFiles.length; i++) {
            fanFiles[i] = attribute(layout.fans().get(i));
            files.add(fanFiles[i]);
        }
        filesReadPerSample = Collections.unmodifiableList(files);
        LOG.debug("sampling {}: {}", this.root, sensorSummary);
    }

    private static void checkProcfs(Path root, FileRead stat) {
        if (!Files.isDirectory(root)) {
            throw new SamplerException("no Linux procfs at " + stat.path() + ": " + root + " is not a directory; "
                    + ROOT_FIX);
        }
        String text;
        try {
            text = stat.read();
        } catch (IOException e) {
            throw new SamplerException("no Linux procfs at " + stat.path() + ": " + ROOT_FIX, e);
        }
        if (ProcParsers.parseCpuTicks(text).isEmpty()) {
            throw new SamplerException("no Linux procfs at " + stat.path()
                    + ": it does not start with an aggregate 'cpu ' line; " + ROOT_FIX);
        }
    }

    private static FileRead attribute(Path path) {
        return new FileRead(path, SmallFileReader.ATTRIBUTE_LIMIT);
    }

    /** @return the absolute, normalized root */
    public Path root() {
        return root;
    }

    /** @return one line naming the sensors found */
    public String sensorSummary() {
        return sensorSummary;
    }

    /**
     * @return every file {@link #sample()} reads, each read once per sample with {@link SmallFileReader}, in the
     *         order it reads them; unmodifiable. The benchmark's bare-read baseline reads exactly these.
     */
    public List<FileRead> filesReadPerSample() {
        return filesReadPerSample;
    }

    /**
     * Reads every sensor once. Never throws for a sensor problem: the field is left out and the problem logged
     * once per file.
     *
     * @return the snapshot
     */
    public MetricsSnapshot sample() {
        MetricsSnapshot.Builder snapshot = MetricsSnapshot.builder(clock.instant());
        OptionalDouble usage = cpuUsage();
        if (usage.isPresent()) {
            snapshot.cpuUsagePercent(usage.getAsDouble());
        }
        String memText = read(meminfo, "RAM fields are left out");
        if (memText != null) {
            Meminfo mem = ProcParsers.parseMeminfo(memText);
            if (mem.totalBytes().isPresent()) {
                snapshot.ramTotalBytes(mem.totalBytes().getAsLong());
            }
            if (mem.usedBytes().isPresent()) {
                snapshot.ramUsedBytes(mem.usedBytes().getAsLong());
            } else {
                warnings.warn(meminfo.path().toString(), () -> meminfo.path() + (mem.totalBytes().isPresent()
                        ? ": neither MemAvailable nor MemFree, Buffers and Cached; RAM used is left out"
                        : ": no positive MemTotal; RAM fields are left out") + " (reported once)");
            }
        }
        OptionalDouble mhz = cpuinfo != null ? cpuinfoMhz() : cpufreqMhz();
        if (mhz.isPresent()) {
            snapshot.cpuFrequencyMhz(mhz.getAsDouble());
        }
        OptionalDouble celsius = temperature();
        if (celsius.isPresent()) {
            snapshot.cpuTemperatureCelsius(celsius.getAsDouble());
        }
        for (FileRead fan : fanFiles) {
            String text = read(fan, FAN_LEFT_OUT);
            if (text != null) {
                OptionalInt rpm = SysfsParsers.rpm(text);
                if (rpm.isPresent()) {
                    snapshot.addFanSpeedRpm(rpm.getAsInt());
                } else {
                    implausible(fan, text, "fan speed in rpm", FAN_LEFT_OUT);
                }
            }
        }
        return snapshot.build();
    }

    private OptionalDouble cpuUsage() {
        // Reading inside the lock keeps reads and updates in one order, so no thread measures an interval
        // against a newer reading than its own.
        synchronized (cpu) {
            String text = read(stat, "CPU usage is left out");
            if (text == null) {
                return OptionalDouble.empty();
            }
            Optional<CpuTicks> ticks = ProcParsers.parseCpuTicks(text);
            if (ticks.isEmpty()) {
                implausible(stat, text, "aggregate 'cpu ' line", "CPU usage is left out");
                return OptionalDouble.empty();
            }
            return cpu.update(ticks.get());
        }
    }

    private OptionalDouble cpuinfoMhz() {
        String text = read(cpuinfo, "CPU frequency is left out");
        if (text == null) {
            return OptionalDouble.empty();
        }
        OptionalDouble mhz = ProcParsers.meanCpuMhz(text);
        if (mhz.isEmpty()) {
            warnings.warn(cpuinfo.path().toString(), () -> cpuinfo.path()
                    + ": no well-formed 'cpu MHz' line; CPU frequency is left out (reported once)");
        }
        return mhz;
    }

    private OptionalDouble cpufreqMhz() {
        double sum = 0;
        int cpus = 0;
        for (int i = 0; i < cpufreqFiles.length; i++) {
            String text = read(cpufreqFiles[i], CPUFREQ_LEFT_OUT);
            if (text == null) {
                continue;
            }
            OptionalDouble mhz = SysfsParsers.mhzFromKhz(text);
            if (mhz.isPresent()) {
                sum += mhz.getAsDouble() * cpufreqWeights[i];
                cpus += cpufreqWeights[i];
            } else {
                implausible(cpufreqFiles[i], text, "frequency in kHz", CPUFREQ_LEFT_OUT);
            }
        }
        return cpus == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / cpus);
    }

    private OptionalDouble temperature() {
        double hottest = Double.NEGATIVE_INFINITY;
        for (FileRead file : temperatureFiles) {
            String text = read(file, TEMPERATURE_LEFT_OUT);
            if (text == null) {
                continue;
            }
            OptionalDouble celsius = SysfsParsers.celsiusFromMillidegrees(text);
            if (celsius.isPresent()) {
                hottest = Math.max(hottest, celsius.getAsDouble());
            } else {
                implausible(file, text, "temperature in millidegrees Celsius", TEMPERATURE_LEFT_OUT);
            }
        }
        return hottest == Double.NEGATIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(hottest);
    }

    /** @return the file's text, or {@code null} after warning (once) that it cannot be read */
    private String read(FileRead file, String leftOut) {
        try {
            return file.read();
        } catch (IOException e) {
            warnings.warn(file.path().toString(),
                    () -> file.path() + ": cannot read (" + e + "); " + leftOut + " (reported once)");
            return null;
        }
    }

    private void implausible(FileRead file, String text, String expected, String leftOut) {
        warnings.warn(file.path().toString(), () -> file.path() + ": '" + excerpt(text) + "' is not a plausible "
                + expected + "; " + leftOut + " (reported once)");
    }

    private static String excerpt(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline);
        }
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
    }
}
