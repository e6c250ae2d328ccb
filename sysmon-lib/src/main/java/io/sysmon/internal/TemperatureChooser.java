package io.sysmon.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the CPU temperature sensor from what discovery found. Pure: it looks at names, labels and types only.
 *
 * <p>Priority, first match wins:
 * <ol>
 *   <li>hwmon {@code coretemp} (Intel): the {@code Package id 0} sensor; without one, the hottest {@code Core N}
 *       sensor of every coretemp device;</li>
 *   <li>hwmon {@code k10temp} (AMD): {@code Tdie}, then {@code Tctl}, then {@code temp1};</li>
 *   <li>hwmon {@code zenpower} (out-of-tree AMD driver): {@code Tdie}, then {@code Tctl};</li>
 *   <li>hwmon named {@code cpu_thermal}, {@code cpu-thermal} or {@code soc_thermal} (ARM boards; the thermal
 *       framework names the hwmon after its zone): its lowest-numbered sensor;</li>
 *   <li>a thermal zone of type {@code cpu-thermal}, {@code cpu_thermal}, {@code x86_pkg_temp},
 *       {@code soc_thermal}, {@code soc-thermal}, {@code cpu0-thermal}, {@code cpu}, in that order, then any
 *       other type starting with {@code cpu} (such as {@code cpu-0-0-thermal}); the lowest zone number breaks
 *       ties;</li>
 *   <li>only when none of the above exists: {@code thermal_zone0}, whatever it measures.</li>
 * </ol>
 * Board, disk, chipset, Wi-Fi and GPU sensors ({@code acpitz}, {@code nvme}, {@code pch_*}, {@code iwlwifi*},
 * {@code amdgpu}, {@code drivetemp}, {@code nct*}, {@code it87*}, ...) never match a CPU rule, so they are used
 * only through that last fallback.
 */
public final class TemperatureChooser {

    private static final List<String> CPU_ZONE_TYPES = List.of(
            "cpu-thermal", "cpu_thermal", "x86_pkg_temp", "soc_thermal", "soc-thermal", "cpu0-thermal", "cpu");
    private static final List<String> CPU_HWMON_NAMES = List.of("cpu_thermal", "cpu-thermal", "soc_thermal");

    private TemperatureChooser() {
    }

    /**
     * @param hwmons every hwmon device, by index
     * @param zones every thermal zone, by index
     * @return the sensor to read, or empty when there is neither a CPU sensor nor a {@code thermal_zone0}
     */
    public static Optional<TemperatureSource> choose(List<HwmonDevice> hwmons, List<ThermalZone> zones) {
        Optional<TemperatureSource> chosen = coretemp(hwmons);
        if (chosen.isEmpty()) {
            chosen = labelled(hwmons, "k10temp", List.of("Tdie", "Tctl"));
        }
        if (chosen.isEmpty()) {
            chosen = firstSensor(hwmons, "k10temp", 1);
        }
        if (chosen.isEmpty()) {
            chosen = labelled(hwmons, "zenpower", List.of("Tdie", "Tctl"));
        }
        for (String name : CPU_HWMON_NAMES) {
            if (chosen.isEmpty()) {
                chosen = firstSensor(hwmons, name, -1);
            }
        }
        if (chosen.isEmpty()) {
            chosen = cpuZone(zones);
        }
        if (chosen.isEmpty()) {
            for (ThermalZone zone : zones) {
                if (zone.index() == 0) {
                    chosen = Optional.of(new TemperatureSource("thermal zone 0 '" + zone.type()
                            + "' (no CPU sensor found)", List.of(zone.temp())));
                }
            }
        }
        return chosen;
    }

    private static Optional<TemperatureSource> coretemp(List<HwmonDevice> hwmons) {
        List<Path> cores = new ArrayList<>();
        for (HwmonDevice device : hwmons) {
            if (!device.name().equals("coretemp")) {
                continue;
            }
            for (HwmonDevice.Temperature t : device.temperatures()) {
                if (t.label().equals("Package id 0")) {
                    return Optional.of(single(device, t));
                }
                if (t.label().startsWith("Core ")) {
                    cores.add(t.input());
                }
            }
        }
        if (cores.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TemperatureSource("hwmon coretemp hottest of " + cores.size() + " 'Core N'",
                cores));
    }

    private static Optional<TemperatureSource> labelled(List<HwmonDevice> hwmons, String name, List<String> labels) {
        for (String label : labels) {
            for (HwmonDevice device : hwmons) {
                if (!device.name().equals(name)) {
                    continue;
                }
                for (HwmonDevice.Temperature t : device.temperatures()) {
                    if (t.label().equals(label)) {
                        return Optional.of(single(device, t));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @param index the sensor number wanted, or -1 for the lowest-numbered one */
    private static Optional<TemperatureSource> firstSensor(List<HwmonDevice> hwmons, String name, int index) {
        for (HwmonDevice device : hwmons) {
            if (!device.name().equals(name)) {
                continue;
            }
            for (HwmonDevice.Temperature t : device.temperatures()) {
                if (index < 0 || t.index() == index) {
                    return Optional.of(single(device, t));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<TemperatureSource> cpuZone(List<ThermalZone> zones) {
        ThermalZone best = null;
        int bestRank = Integer.MAX_VALUE;
        for (ThermalZone zone : zones) {
            int rank = CPU_ZONE_TYPES.indexOf(zone.type());
            if (rank < 0 && zone.type().startsWith("cpu")) {
                rank = CPU_ZONE_TYPES.size();
            }
            if (rank >= 0 && (rank < bestRank || rank == bestRank && zone.index() < best.index())) {
                best = zone;
                bestRank = rank;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new TemperatureSource("thermal zone " + best.index() + " '" + best.type() + "'",
                List.of(best.temp())));
    }

    private static TemperatureSource single(HwmonDevice device, HwmonDevice.Temperature t) {
        String what = t.label().isEmpty() ? "temp" + t.index() : "'" + t.label() + "'";
        return new TemperatureSource("hwmon " + device.name() + " " + what, List.of(t.input()));
    }
}
