package io.sysmon.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks {@code sys/} under a root once and records which sensor files exist. Entries under {@code /sys/class}
 * are symlinks into {@code /sys/devices} on real kernels; every check here follows them.
 *
 * <p>Nothing here throws for a missing or odd directory: a machine without hwmon or thermal zones simply has
 * fewer sensors.
 */
public final class SensorDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(SensorDiscovery.class);

    /** {@code /proc/cpuinfo} grows by about 1.5 KiB per CPU; this leaves room for thousands. */
    public static final int CPUINFO_LIMIT = 16 * 1024 * 1024;

    private SensorDiscovery() {
    }

    /**
     * @param root the filesystem root holding {@code proc/} and {@code sys/}
     * @param warnings where a broken hwmon or thermal zone entry (a dangling link) is reported
     * @return what was found
     */
    public static SensorLayout discover(Path root, WarnOnce warnings) {
        List<HwmonDevice> hwmons = hwmons(root.resolve("sys/class/hwmon"), warnings);
        List<ThermalZone> zones = thermalZones(root.resolve("sys/class/thermal"), warnings);
        List<SensorLayout.CpufreqFile> cpufreq = cpufreq(root.resolve("sys/devices/system/cpu"));
        boolean cpuinfo = cpufreq.isEmpty() && cpuinfoHasMhz(root.resolve("proc/cpuinfo"));
        List<Path> fans = new ArrayList<>();
        for (HwmonDevice device : hwmons) {
            fans.addAll(device.fans());
        }
        return new SensorLayout(TemperatureChooser.choose(hwmons, zones), cpufreq, cpuinfo, fans);
    }

    private static List<HwmonDevice> hwmons(Path classDir, WarnOnce warnings) {
        List<HwmonDevice> devices = new ArrayList<>();
        for (Indexed entry : list(classDir, "hwmon", "")) {
            if (!Files.isDirectory(entry.path)) {
                warnings.warn(entry.path.toString(), entry.path
                        + ": hwmon entry is a dangling link or not a directory; its sensors are skipped");
                continue;
            }
            // Kernels before 3.x kept the attributes one level down, in the device directory.
            Path dir = entry.path;
            if (!Files.exists(dir.resolve("name")) && Files.exists(dir.resolve("device/name"))) {
                dir = dir.resolve("device");
            }
            String name = readTrimmed(dir.resolve("name"));
            List<HwmonDevice.Temperature> temperatures = new ArrayList<>();
            for (Indexed input : list(dir, "temp", "_input")) {
                String label = readTrimmed(dir.resolve("temp" + input.index + "_label"));
                temperatures.add(new HwmonDevice.Temperature(input.index, label, input.path));
            }
            List<Path> fans = new ArrayList<>();
            for (Indexed input : list(dir, "fan", "_input")) {
                fans.add(input.path);
            }
            devices.add(new HwmonDevice(entry.index, name, temperatures, fans));
        }
        return devices;
    }

    private static List<ThermalZone> thermalZones(Path classDir, WarnOnce warnings) {
        List<ThermalZone> zones = new ArrayList<>();
        for (Indexed entry : list(classDir, "thermal_zone", "")) {
            if (!Files.isDirectory(entry.path)) {
                warnings.warn(entry.path.toString(), entry.path
                        + ": thermal zone is a dangling link or not a directory; it is skipped");
                continue;
            }
            zones.add(new ThermalZone(entry.index, readTrimmed(entry.path.resolve("type")),
                    entry.path.resolve("temp")));
        }
        return zones;
    }

    private static List<SensorLayout.CpufreqFile> cpufreq(Path cpuDir) {
        // cpu<N>/cpufreq links to ../cpufreq/policy<M>; CPUs in one policy share a file, read once per sample.
        Map<Path, Integer> cpusPerFile = new LinkedHashMap<>();
        for (Indexed cpu : list(cpuDir, "cpu", "")) {
            Path file = cpu.path.resolve("cpufreq/scaling_cur_freq");
            if (!Files.isReadable(file)) {
                continue;
            }
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                real = file;
            }
            cpusPerFile.merge(real, 1, Integer::sum);
        }
        List<SensorLayout.CpufreqFile> files = new ArrayList<>();
        cpusPerFile.forEach((file, cpus) -> files.add(new SensorLayout.CpufreqFile(file, cpus)));
        return files;
    }

    private static boolean cpuinfoHasMhz(Path cpuinfo) {
        try {
            return ProcParsers.meanCpuMhz(SmallFileReader.read(cpuinfo, CPUINFO_LIMIT)).isPresent();
        } catch (IOException e) {
            LOG.debug("{} unreadable, CPU frequency will be absent", cpuinfo, e);
            return false;
        }
    }

    private static String readTrimmed(Path file) {
        try {
            return SmallFileReader.read(file, SmallFileReader.ATTRIBUTE_LIMIT).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** @return the entries of {@code dir} named {@code prefix<N>suffix}, by N; empty when dir is unreadable */
    private static List<Indexed> list(Path dir, String prefix, String suffix) {
        List<Indexed> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (name.length() > prefix.length() + suffix.length() && name.startsWith(prefix)
                        && name.endsWith(suffix)) {
                    long index = Numbers.parseDigits(name, prefix.length(), name.length() - suffix.length());
                    if (index != Numbers.NOT_A_NUMBER && index <= Integer.MAX_VALUE) {
                        entries.add(new Indexed((int) index, path));
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}; treating it as empty", dir, e);
        }
        entries.sort(Comparator.comparingInt(e -> e.index));
        return entries;
    }

    private static final class Indexed {
        final int index;
        final Path path;

        Indexed(int index, Path path) {
            this.index = index;
            this.path = path;
        }
    }
}
