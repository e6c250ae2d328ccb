package io.sysmon.examples.cli;

import io.sysmon.shadow.AwsIotNames;
import io.sysmon.shadow.ShadowClientConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where and with which files a device connects: {@code --endpoint}, {@code --port}, {@code --certs-dir},
 * {@code --ca-file} and {@code --connect-timeout}, with the tutorial's defaults ({@code AWS_IOT_HOST},
 * {@code CERTS_DIR}, the AWS console's file names, port 8883). Use it as
 * {@code @Mixin ConnectionOptions connection;} and build each device's settings with {@link #config(String)}.
 */
public final class ConnectionOptions {

    /** The option that names the endpoint; {@code AWS_IOT_HOST} is its default. */
    public static final String ENDPOINT = "--endpoint";
    /** The option that names the certificates directory; {@code CERTS_DIR} is its default. */
    public static final String CERTS_DIR = "--certs-dir";

    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = ENDPOINT, paramLabel = "HOST",
            description = "The AWS IoT device data endpoint (AWS IoT console > Settings), e.g. "
                    + "abc123-ats.iot.us-east-1.amazonaws.com, or localhost for 'sysmon local'. "
                    + "Default: $" + EnvironmentDefaults.AWS_IOT_HOST + ".")
    private String endpoint;

    @Option(names = "--port", paramLabel = "PORT", converter = Arguments.Port.class,
            description = "The endpoint's MQTT-over-TLS port. Default: 8883.")
    private int port = ShadowClientConfig.DEFAULT_PORT;

    @Option(names = CERTS_DIR, paramLabel = "DIR", defaultValue = "certs",
            description = "Where the credentials are, named as the AWS console downloads them: "
                    + "THING-certificate.pem.crt and THING-private.pem.key. Default: $"
                    + EnvironmentDefaults.CERTS_DIR + ", else certs.")
    private Path certsDir;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "The CA certificate that signs the endpoint's certificate. Default: DIR/"
                    + ShadowClientConfig.AMAZON_ROOT_CA_FILE + "; for 'sysmon local' use DIR/sysmon-local-ca.pem.")
    private Path caFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", converter = ConnectTimeout.class,
            description = "How long to wait for the first connection (1 to 300). Default: 15.")
    private Duration connectTimeout = ShadowClientConfig.DEFAULT_CONNECT_TIMEOUT;

    /**
     * The settings for one thing: endpoint, port, its certificate and key in the certificates directory, the CA
     * file and the connect timeout. The caller may still change other settings before {@code build()}.
     *
     * @param thingName the thing (a valid AWS IoT thing name), also the MQTT client ID
     * @return a builder holding these settings
     * @throws CommandFailedException when no endpoint is given, neither by {@code --endpoint} nor by
     *     {@code AWS_IOT_HOST}, or {@code AWS_IOT_HOST} is not a host name
     * @throws ParameterException when {@code --endpoint} is not a host name
     */
    public ShadowClientConfig.Builder config(String thingName) {
        ShadowClientConfig.Builder builder = ShadowClientConfig.builder().thingName(thingName);
        try {
            builder.endpoint(givenEndpoint()); // checks it, with AwsIotNames.requireEndpointHost
        } catch (IllegalArgumentException e) {
            throw badEndpoint(e);
        }
        return builder.port(port)
                .certificateFile(certsDir.resolve(AwsIotNames.certificateFileName(thingName)))
                .privateKeyFile(certsDir.resolve(AwsIotNames.privateKeyFileName(thingName)))
                .caFile(caFile())
                .connectTimeout(connectTimeout);
    }

    /**
     * @return the endpoint's host name, checked
     * @throws CommandFailedException or {@link ParameterException}, as for {@link #config(String)}
     */
    public String endpoint() {
        try {
            return AwsIotNames.requireEndpointHost(givenEndpoint());
        } catch (IllegalArgumentException e) {
            throw badEndpoint(e);
        }
    }

    private String givenEndpoint() {
        if (endpoint == null) {
            throw new CommandFailedException("no endpoint: set " + EnvironmentDefaults.AWS_IOT_HOST
                    + " to your AWS IoT device data endpoint (AWS IoT console > Settings), or pass " + ENDPOINT
                    + " HOST", null);
        }
        return endpoint;
    }

    /** Names where the bad endpoint came from: the option, or the environment variable that is its default. */
    private RuntimeException badEndpoint(IllegalArgumentException e) {
        String rule = e.getMessage().replaceFirst("^endpoint ", "");
        if (mixee.commandLine().getParseResult().hasMatchedOption(ENDPOINT)) {
            return new ParameterException(mixee.commandLine(), ENDPOINT + " " + rule, e, null, endpoint);
        }
        return new CommandFailedException(EnvironmentDefaults.AWS_IOT_HOST + " " + rule, e);
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return the CA file: {@code --ca-file}, else {@code AmazonRootCA1.pem} in the certificates directory */
    public Path caFile() {
        return caFile != null ? caFile : certsDir.resolve(ShadowClientConfig.AMAZON_ROOT_CA_FILE);
    }

    /** Accepts 1 to 300 seconds, fractions allowed. */
    static final class ConnectTimeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration timeout;
            try {
                timeout = Arguments.interval(value);
            } catch (BadValueException e) {
                throw new BadValueException("must be a number of seconds from 1 to 300", value);
            }
            if (timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 || timeout.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
                throw new BadValueException("must be a number of seconds from 1 to 300", value);
            }
            return timeout;
        }
    }
}
