package io.sysmon.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every sensor file a sampler will read, found once at construction.
 *
 * @param temperature the chosen CPU temperature sensor, or empty when there is none
 * @param cpufreq one entry per distinct {@code scaling_cur_freq} file (CPUs sharing a policy share a file),
 *        by lowest CPU number; empty when no cpufreq file exists
 * @param cpuinfoFrequency whether frequency comes from {@code /proc/cpuinfo}'s {@code cpu MHz} lines, which is
 *        only when {@code cpufreq} is empty and those lines exist
 * @param fans every hwmon {@code fan<N>_input}, by hwmon index then N
 */
public record SensorLayout(Optional<TemperatureSource> temperature, List<CpufreqFile> cpufreq,
        boolean cpuinfoFrequency, List<Path> fans) {

    /**
     * @param temperature the chosen temperature sensor
     * @param cpufreq the distinct cpufreq files
     * @param cpuinfoFrequency whether frequency comes from {@code /proc/cpuinfo}
     * @param fans every fan speed file
     */
    public SensorLayout {
        Objects.requireNonNull(temperature, "temperature");
        cpufreq = List.copyOf(cpufreq);
        fans = List.copyOf(fans);
    }

    /** @return one line naming the sensors found, such as {@code temperature: hwmon coretemp 'Package id 0';
     *          frequency: 8 cpufreq files for 8 CPUs; fans: 3} */
    public String summary() {
        String frequency;
        if (!cpufreq.isEmpty()) {
            int cpus = cpufreq.stream().mapToInt(CpufreqFile::cpus).sum();
            frequency = cpufreq.size() + (cpufreq.size() == 1 ? " cpufreq file" : " cpufreq files") + " for "
                    + cpus + (cpus == 1 ? " CPU" : " CPUs");
        } else if (cpuinfoFrequency) {
            frequency = "/proc/cpuinfo 'cpu MHz'";
        } else {
            frequency = "none";
        }
        return "temperature: " + temperature.map(TemperatureSource::description).orElse("none")
                + "; frequency: " + frequency + "; fans: " + fans.size();
    }

    /**
     * A {@code scaling_cur_freq} file and how many CPUs it speaks for, so the mean stays a per-CPU mean when
     * CPUs share a frequency policy (all four cores of a Raspberry Pi do; big.LITTLE clusters do per cluster).
     *
     * @param file the file, in kHz, with symlinks resolved
     * @param cpus how many CPUs' {@code cpufreq} directory leads to it, at least 1
     */
    public record CpufreqFile(Path file, int cpus) {

        /**
         * @param file the file
         * @param cpus how many CPUs share it, at least 1
         */
        public CpufreqFile {
            Objects.requireNonNull(file, "file");
            if (cpus < 1) {
                throw new IllegalArgumentException("cpus must be >= 1, got " + cpus);
            }
        }
    }
}
