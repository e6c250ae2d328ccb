package io.sysmon.examples.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which things a command serves: {@code --things a,b,c}, or {@code --devices N} for the tutorial's names
 * {@code my_iot_device_1} to {@code my_iot_device_N}; by default the tutorial's three. Use it as
 * {@code @Mixin ThingOptions things;}.
 */
public final class ThingOptions {

    /** The tutorial's name for device {@code i}, from 1: {@code my_iot_device_i}. */
    public static final String NAME_PREFIX = "my_iot_device_";
    /** How many things when neither option is given: the tutorial sets up three. */
    public static final int DEFAULT_DEVICES = 3;
    /** The most things {@code --devices} accepts. */
    public static final int MAX_DEVICES = 10_000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--things", paramLabel = "THING", split = ",", converter = Arguments.ThingName.class,
            description = "The things, comma-separated, e.g. my_iot_device_1,my_iot_device_2.")
    private List<String> things;

    @Option(names = "--devices", paramLabel = "N", converter = DeviceCount.class,
            description = "The things my_iot_device_1 to my_iot_device_N (1 to " + MAX_DEVICES + "). "
                    + "Default: " + DEFAULT_DEVICES + ".")
    private Integer devices;

    /**
     * @return the things' names, in order, without repeats
     * @throws ParameterException when both options are given, or {@code --things} names a thing twice
     */
    public List<String> names() {
        if (things != null && devices != null) {
            throw new ParameterException(mixee.commandLine(), "--things and --devices exclude each other; give one");
        }
        if (things != null) {
            Set<String> seen = new HashSet<>();
            for (String thing : things) {
                if (!seen.add(thing)) {
                    throw new ParameterException(mixee.commandLine(), "--things names " + thing + " twice");
                }
            }
            return List.copyOf(things);
        }
        return numbered(devices != null ? devices : DEFAULT_DEVICES);
    }

    /**
     * @return how to name the same things on another command line: {@code --devices N} or {@code --things ...}
     */
    public String asArguments() {
        return things != null ? "--things " + String.join(",", things)
                : "--devices " + (devices != null ? devices : DEFAULT_DEVICES);
    }

    /**
     * @param count how many
     * @return {@code my_iot_device_1} to {@code my_iot_device_<count>}
     */
    public static List<String> numbered(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(NAME_PREFIX + i);
        }
        return names;
    }

    /** Accepts 1 to {@link #MAX_DEVICES}. */
    static final class DeviceCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int count = Integer.parseInt(value);
                if (count >= 1 && count <= MAX_DEVICES) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadValueException("must be a whole number from 1 to " + MAX_DEVICES, value);
        }
    }
}
