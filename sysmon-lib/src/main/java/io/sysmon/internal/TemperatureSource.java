package io.sysmon.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The CPU temperature sensor chosen at construction: one file, or several of which the hottest is reported
 * (coretemp's per-core sensors when it has no package sensor).
 *
 * @param description what was chosen, for {@code sensorSummary()}, such as {@code hwmon coretemp 'Package id 0'}
 * @param files the millidegree files read each sample; the reported value is their maximum
 */
public record TemperatureSource(String description, List<Path> files) {

    /**
     * @param description what was chosen
     * @param files the files read each sample, at least one
     */
    public TemperatureSource {
        Objects.requireNonNull(description, "description");
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("files must not be empty");
        }
    }
}
