package io.sysmon.examples.cli;

import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The tutorial's environment variables as option defaults, in every command that has the option:
 * {@code AWS_IOT_HOST} for {@code --endpoint} and {@code CERTS_DIR} for {@code --certs-dir}. An option given on
 * the command line wins; a blank variable counts as unset. {@link Cli#commandLine(Object, Map)} installs it, with
 * the environment a test chooses.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    /** The AWS IoT device data endpoint, e.g. {@code abc123-ats.iot.us-east-1.amazonaws.com}. */
    public static final String AWS_IOT_HOST = "AWS_IOT_HOST";
    /** The directory holding the certificates. */
    public static final String CERTS_DIR = "CERTS_DIR";

    private static final Map<String, String> VARIABLE_OF_OPTION = Map.of(
            ConnectionOptions.ENDPOINT, AWS_IOT_HOST,
            ConnectionOptions.CERTS_DIR, CERTS_DIR);

    private final Map<String, String> environment;

    /** @param environment the variables, e.g. {@link System#getenv()} */
    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!argSpec.isOption()) {
            return null;
        }
        String variable = VARIABLE_OF_OPTION.get(((OptionSpec) argSpec).longestName());
        String value = variable == null ? null : environment.get(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
