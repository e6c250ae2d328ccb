package io.sysmon.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code /sys/class/hwmon/hwmon<N>} device as discovered at construction.
 *
 * @param index the N in {@code hwmon<N>}
 * @param name the driver's {@code name} attribute, such as {@code coretemp}, {@code k10temp} or {@code nvme};
 *        empty when unreadable
 * @param temperatures its {@code temp<N>_input} sensors, by N
 * @param fans its {@code fan<N>_input} files, by N
 */
public record HwmonDevice(int index, String name, List<Temperature> temperatures, List<Path> fans) {

    /**
     * @param index the N in {@code hwmon<N>}
     * @param name the driver's name, empty when unreadable
     * @param temperatures its temperature sensors, by N
     * @param fans its fan speed files, by N
     */
    public HwmonDevice {
        Objects.requireNonNull(name, "name");
        temperatures = List.copyOf(temperatures);
        fans = List.copyOf(fans);
    }

    /**
     * One {@code temp<N>_input} with its optional {@code temp<N>_label}.
     *
     * @param index the N in {@code temp<N>_input}
     * @param label the label's text, trimmed; empty when there is none
     * @param input the {@code temp<N>_input} file, millidegrees Celsius
     */
    public record Temperature(int index, String label, Path input) {

        /**
         * @param index the N in {@code temp<N>_input}
         * @param label the label, empty when there is none
         * @param input the input file
         */
        public Temperature {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(input, "input");
        }
    }
}
