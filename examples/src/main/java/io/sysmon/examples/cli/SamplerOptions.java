package io.sysmon.examples.cli;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsSampler;
import io.sysmon.OshiMetricsSampler;
import io.sysmon.SamplerException;
import io.sysmon.SysfsMetricsSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that samples metrics, {@code --sampler} and {@code --fs-root}, and the factory
 * that turns them into a {@link MetricsSampler}. Use it as {@code @Mixin SamplerOptions samplerOptions;}.
 */
public final class SamplerOptions {

    /** The samplers {@code --sampler} can name. */
    public enum Kind {
        /** {@link SysfsMetricsSampler}: Linux procfs and sysfs, read directly. */
        SYSFS,
        /** {@link OshiMetricsSampler}: OSHI, on any operating system it supports. */
        OSHI,
        /** {@link FakeMetricsSampler}: made-up values, deterministic per device id. */
        FAKE;

        /** @return the name on the command line: {@code sysfs}, {@code oshi}, {@code fake} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Path PROC_STAT = Path.of("/proc/stat");

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--sampler", paramLabel = "NAME", converter = KindConverter.class,
            description = {"Where the metrics come from: sysfs (Linux /proc and /sys, no native code), "
                    + "oshi (OSHI, any OS) or fake (made-up values, repeatable per DEVICE_ID).",
                    "Default: sysfs when /proc/stat exists, else oshi."})
    private Kind kind;

    @Option(names = "--fs-root", paramLabel = "DIR",
            description = "Read proc/ and sys/ under DIR instead of / (sysfs sampler only), "
                    + "e.g. a tree copied from another machine.")
    private Path fsRoot;

    /** @return the sampler to use: the one named, else sysfs when {@code --fs-root} is given, else the default */
    public Kind kind() {
        if (kind != null) {
            return kind;
        }
        return fsRoot != null ? Kind.SYSFS : defaultKind(PROC_STAT);
    }

    static Kind defaultKind(Path procStat) {
        return Files.exists(procStat) ? Kind.SYSFS : Kind.OSHI;
    }

    /**
     * Builds the sampler the options name; the caller closes it.
     *
     * @param deviceId the device being simulated; seeds the fake sampler so each device gets its own values
     * @return a new sampler
     * @throws ParameterException when {@code --fs-root} is given with a sampler other than sysfs
     * @throws CommandFailedException when the sampler cannot start, e.g. {@code --fs-root} holds no procfs
     */
    public MetricsSampler open(String deviceId) {
        Kind chosen = kind();
        if (fsRoot != null && chosen != Kind.SYSFS) {
            throw new ParameterException(mixee.commandLine(),
                    "--fs-root works only with --sampler sysfs, not with --sampler " + chosen.label());
        }
        switch (chosen) {
            case SYSFS:
                return openSysfs();
            case OSHI:
                return new OshiMetricsSampler();
            case FAKE:
                return fake(deviceId);
            default:
                throw new AssertionError(chosen);
        }
    }

    /**
     * @param deviceId the device being simulated
     * @return the fake sampler {@code --sampler fake} gives this device: a random walk, seeded from its id
     */
    public static MetricsSampler fake(String deviceId) {
        return FakeMetricsSampler.builder()
                .seed(fakeSeed(deviceId))
                .scenario(FakeMetricsSampler.Scenario.RANDOM_WALK)
                .build();
    }

    /**
     * @param sampler a sampler from {@link #open(String)}
     * @return for a log line: {@code sysfs sampler}, plus what sensors it found where it can say
     */
    public String describe(MetricsSampler sampler) {
        String name = kind().label() + " sampler";
        if (sampler instanceof SysfsMetricsSampler) {
            return name + " (" + ((SysfsMetricsSampler) sampler).sensorSummary() + ")";
        }
        return name;
    }

    private MetricsSampler openSysfs() {
        try {
            return fsRoot == null ? new SysfsMetricsSampler() : new SysfsMetricsSampler(fsRoot);
        } catch (SamplerException e) {
            String what = fsRoot == null ? "--sampler sysfs" : "--fs-root " + fsRoot;
            throw new CommandFailedException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Spreads the device id's hash (stable across JVMs, per {@link String#hashCode()}) with the SplitMix64
     * finaliser, so that {@code my_iot_device_1} and {@code my_iot_device_2} get unrelated random sequences.
     */
    static long fakeSeed(String deviceId) {
        long z = deviceId.hashCode() + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Accepts exactly {@code sysfs}, {@code oshi} or {@code fake}. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            for (Kind k : Kind.values()) {
                if (k.label().equals(value)) {
                    return k;
                }
            }
            throw new BadValueException("must be one of sysfs, oshi, fake", value);
        }
    }
}
