package io.sysmon.internal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One {@code /sys/class/thermal/thermal_zone<N>} as discovered at construction.
 *
 * @param index the N in {@code thermal_zone<N>}
 * @param type the zone's {@code type} attribute, such as {@code x86_pkg_temp}, {@code cpu-thermal} or
 *        {@code acpitz}; empty when unreadable
 * @param temp its {@code temp} file, millidegrees Celsius
 */
public record ThermalZone(int index, String type, Path temp) {

    /**
     * @param index the N in {@code thermal_zone<N>}
     * @param type the zone's type, empty when unreadable
     * @param temp its temperature file
     */
    public ThermalZone {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(temp, "temp");
    }
}
