package io.sysmon.examples.dashboard;

import io.sysmon.MetricsPayload;
import java.util.Arrays;
import java.util.Optional;

/** The measures the dashboard knows: the Timestream-style rule's measure names, with units and labels. */
enum Measure {
    CPU_USAGE(MetricsPayload.CPU_USAGE, "CPU usage", "%", true),
    CPU_TEMP(MetricsPayload.CPU_TEMP, "CPU temperature", "°C", true),
    CPU_FREQ(MetricsPayload.CPU_FREQ, "CPU frequency", "MHz", true),
    /** Written by the rule, not by the device: {@code ram_usage / ram_total}, in 0.1 % steps. */
    RAM_PERCENT("ram_percent", "RAM in use", "%", true),
    FAN_SPEED(MetricsPayload.FAN_SPEED, "Fan speed", "rpm", true),
    RAM_USAGE(MetricsPayload.RAM_USAGE, "RAM in use", "bytes", false),
    RAM_TOTAL(MetricsPayload.RAM_TOTAL, "RAM installed", "bytes", false);

    /** The names, for error messages. */
    static final String NAMES =
            String.join(", ", Arrays.stream(values()).map(m -> m.measureName).toArray(String[]::new));

    final String measureName;
    final String label;
    final String unit;
    /** Whether the page draws a chart of it. */
    final boolean charted;

    Measure(String measureName, String label, String unit, boolean charted) {
        this.measureName = measureName;
        this.label = label;
        this.unit = unit;
        this.charted = charted;
    }

    static Optional<Measure> named(String name) {
        for (Measure m : values()) {
            if (m.measureName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
