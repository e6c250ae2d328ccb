package io.sysmon.shadow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link DeviceShadowClient#init(ShadowClientConfig)} needs: where to connect, as whom, with which
 * files, and how patient to be. Immutable and thread-safe.
 *
 * <p>Build one with {@link #builder()}; each setter checks its value at once and throws an
 * {@link IllegalArgumentException} naming the setting. {@link Builder#build()} reports every missing required
 * setting at once in a {@link ShadowConfigException}. Or read the tutorial's environment variables:
 *
 * <pre>{@code
 * // AWS_IOT_HOST=abc123-ats.iot.us-east-1.amazonaws.com, CERTS_DIR=certs
 * ShadowClientConfig config = ShadowClientConfig.fromEnvironment("my_iot_device_1");
 * }</pre>
 */
public final class ShadowClientConfig {

    /** MQTT over TLS. */
    public static final int DEFAULT_PORT = 8883;
    /** Default bound on the first connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Default wait for the shadow service's answer to a published request. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default number of unanswered updates kept while offline. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;
    /** Default number of requests published but not yet answered; AWS answers 429 above 10. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 5;
    /** Default MQTT keep-alive. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /** Default shortest wait before a reconnect attempt. */
    public static final Duration DEFAULT_MIN_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** Default longest wait before a reconnect attempt. */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(120);
    /** The CA file name the AWS console downloads. */
    public static final String AMAZON_ROOT_CA_FILE = "AmazonRootCA1.pem";

    private final String endpoint;
    private final int port;
    private final String thingName;
    private final String clientId;
    private final String shadowName;
    private final Path certificateFile;
    private final Path privateKeyFile;
    private final Path caFile;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int queueCapacity;
    private final int maxInFlight;
    private final Duration keepAlive;
    private final Duration minReconnectDelay;
    private final Duration maxReconnectDelay;
    private final ShadowClientListener listener;

    private ShadowClientConfig(Builder b) {
        this.endpoint = b.endpoint;
        this.port = b.port;
        this.thingName = b.thingName;
        this.clientId = b.clientId != null ? b.clientId : b.thingName;
        this.shadowName = b.shadowName;
        this.certificateFile = b.certificateFile;
        this.privateKeyFile = b.privateKeyFile;
        this.caFile = b.caFile;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.queueCapacity = b.queueCapacity;
        this.maxInFlight = b.maxInFlight;
        this.keepAlive = b.keepAlive;
        this.minReconnectDelay = b.minReconnectDelay;
        this.maxReconnectDelay = b.maxReconnectDelay;
        this.listener = b.listener;
    }

    /** @return a builder with every optional setting at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the tutorial's environment: {@code AWS_IOT_HOST} (required) and {@code CERTS_DIR} (default
     * {@code certs}), with the file names the AWS console downloads: {@code <thing>-certificate.pem.crt},
     * {@code <thing>-private.pem.key} and {@code AmazonRootCA1.pem}.
     *
     * @param thingName the thing, also the client ID
     * @return the configuration
     * @throws ShadowConfigException when {@code AWS_IOT_HOST} is unset or the thing name is invalid
     */
    public static ShadowClientConfig fromEnvironment(String thingName) {
        return builderFromEnvironment(thingName, System.getenv()).build();
    }

    /**
     * Like {@link #fromEnvironment(String)}, from the given variables, returning the builder so that other
     * settings can still be changed.
     *
     * @param thingName the thing, also the client ID
     * @param environment the variables to read
     * @return a builder holding the endpoint, thing and file settings
     * @throws ShadowConfigException when {@code AWS_IOT_HOST} is unset or the thing name is invalid
     */
    public static Builder builderFromEnvironment(String thingName, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Builder builder = builder();
        String host = environment.get("AWS_IOT_HOST");
        if (host == null || host.isBlank()) {
            problems.add("AWS_IOT_HOST is not set: export AWS_IOT_HOST=<your endpoint> (AWS IoT console > "
                    + "Settings > Device data endpoint, e.g. abc123-ats.iot.us-east-1.amazonaws.com)");
        } else {
            builder.endpoint(host.trim());
        }
        try {
            builder.thingName(thingName);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ShadowConfigException(problems);
        }
        String dir = environment.getOrDefault("CERTS_DIR", "");
        builder.credentialsIn(Path.of(dir.isBlank() ? "certs" : dir.trim()));
        return builder;
    }

    /** @return the endpoint's host name */
    public String endpoint() {
        return endpoint;
    }

    /** @return the endpoint's port: 8883, or 443 (ALPN {@code x-amzn-mqtt-ca} is always offered) */
    public int port() {
        return port;
    }

    /** @return the thing whose shadow is updated */
    public String thingName() {
        return thingName;
    }

    /** @return the MQTT client ID; the thing name unless set */
    public String clientId() {
        return clientId;
    }

    /** @return the named shadow, or empty for the classic shadow */
    public Optional<String> shadowName() {
        return Optional.ofNullable(shadowName);
    }

    /** @return the device certificate (PEM) */
    public Path certificateFile() {
        return certificateFile;
    }

    /** @return the device's private key (PEM) */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** @return the CA certificate(s) that sign the endpoint's certificate (PEM) */
    public Path caFile() {
        return caFile;
    }

    /** @return the bound on the first connection */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how long to wait for an answer once a request is published */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** @return how many unanswered updates are kept; when full, the oldest waiting one is dropped */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** @return how many requests may be published and unanswered at once */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** @return the MQTT keep-alive */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** @return the shortest wait before reconnecting */
    public Duration minReconnectDelay() {
        return minReconnectDelay;
    }

    /** @return the longest wait before reconnecting */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** @return the listener; a no-op one unless set */
    public ShadowClientListener listener() {
        return listener;
    }

    /** @return the shadow's topic prefix, e.g. {@code $aws/things/my_iot_device_1/shadow} */
    public String topicPrefix() {
        String prefix = "$aws/things/" + thingName + "/shadow";
        return shadowName == null ? prefix : prefix + "/name/" + shadowName;
    }

    @Override
    public String toString() {
        return "ShadowClientConfig{endpoint=" + endpoint + ":" + port + ", thing=" + thingName
                + ", clientId=" + clientId + (shadowName == null ? "" : ", shadow=" + shadowName)
                + ", certificate=" + certificateFile + ", key=" + privateKeyFile + ", ca=" + caFile + '}';
    }

    /** Builds a {@link ShadowClientConfig}. Not thread-safe. */
    public static final class Builder {

        private String endpoint;
        private int port = DEFAULT_PORT;
        private String thingName;
        private String clientId;
        private String shadowName;
        private Path certificateFile;
        private Path privateKeyFile;
        private Path caFile;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;
        private Duration minReconnectDelay = DEFAULT_MIN_RECONNECT_DELAY;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
        private ShadowClientListener listener = new ShadowClientListener() { };

        private Builder() {
        }

        /**
         * @param host the endpoint's host name, e.g. {@code abc123-ats.iot.us-east-1.amazonaws.com}
         * @return this builder
         */
        public Builder endpoint(String host) {
            this.endpoint = AwsIotNames.requireEndpointHost(host);
            return this;
        }

        /**
         * @param value 1–65535; 8883 by default
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException("port must be within 1..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * @param name the thing, 1–128 characters of {@code [a-zA-Z0-9:_-]}
         * @return this builder
         */
        public Builder thingName(String name) {
            this.thingName = AwsIotNames.requireThingName(name);
            return this;
        }

        /**
         * @param id the MQTT client ID; defaults to the thing name, which AWS policies expect
         * @return this builder
         */
        public Builder clientId(String id) {
            this.clientId = AwsIotNames.requireClientId(id);
            return this;
        }

        /**
         * @param name a named shadow, or {@code null} for the classic shadow
         * @return this builder
         */
        public Builder shadowName(String name) {
            this.shadowName = name == null ? null : AwsIotNames.requireShadowName(name);
            return this;
        }

        /**
         * @param file the device certificate (PEM)
         * @return this builder
         */
        public Builder certificateFile(Path file) {
            this.certificateFile = Objects.requireNonNull(file, "certificateFile");
            return this;
        }

        /**
         * @param file the device's private key (PEM)
         * @return this builder
         */
        public Builder privateKeyFile(Path file) {
            this.privateKeyFile = Objects.requireNonNull(file, "privateKeyFile");
            return this;
        }

        /**
         * @param file the CA certificate(s) (PEM), {@code AmazonRootCA1.pem} for AWS IoT
         * @return this builder
         */
        public Builder caFile(Path file) {
            this.caFile = Objects.requireNonNull(file, "caFile");
            return this;
        }

        /**
         * Sets the three files by the AWS console's names in {@code dir}: {@code <thing>-certificate.pem.crt},
         * {@code <thing>-private.pem.key} and {@code AmazonRootCA1.pem}. Set the thing name first.
         *
         * @param dir the directory holding them
         * @return this builder
         */
        public Builder credentialsIn(Path dir) {
            Objects.requireNonNull(dir, "dir");
            if (thingName == null) {
                throw new IllegalStateException("set thingName before credentialsIn");
            }
            this.certificateFile = dir.resolve(AwsIotNames.certificateFileName(thingName));
            this.privateKeyFile = dir.resolve(AwsIotNames.privateKeyFileName(thingName));
            this.caFile = dir.resolve(AMAZON_ROOT_CA_FILE);
            return this;
        }

        /**
         * @param value the bound on the first connection, 1 s to 5 min; 15 s by default
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = within("connectTimeout", value, Duration.ofSeconds(1), Duration.ofMinutes(5));
            return this;
        }

        /**
         * @param value the wait for an answer once published, 100 ms to 10 min; 30 s by default
         * @return this builder
         */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = within("responseTimeout", value, Duration.ofMillis(100), Duration.ofMinutes(10));
            return this;
        }

        /**
         * @param value unanswered updates kept, 1 to 1,000,000; 1000 by default
         * @return this builder
         */
        public Builder queueCapacity(int value) {
            if (value < 1 || value > 1_000_000) {
                throw new IllegalArgumentException("queueCapacity must be within 1..1000000, got " + value);
            }
            this.queueCapacity = value;
            return this;
        }

        /**
         * @param value requests published and unanswered at once, 1 to 10 (AWS rejects more with 429)
         * @return this builder
         */
        public Builder maxInFlight(int value) {
            if (value < 1 || value > 10) {
                throw new IllegalArgumentException("maxInFlight must be within 1..10, got " + value);
            }
            this.maxInFlight = value;
            return this;
        }

        /**
         * @param value MQTT keep-alive, 30 s to 1200 s as AWS IoT allows; 60 s by default
         * @return this builder
         */
        public Builder keepAlive(Duration value) {
            this.keepAlive = within("keepAlive", value, Duration.ofSeconds(30), Duration.ofSeconds(1200));
            return this;
        }

        /**
         * @param min shortest wait before reconnecting, at least 10 ms; 1 s by default
         * @param max longest wait, at least {@code min}, at most 1 h; 120 s by default
         * @return this builder
         */
        public Builder reconnectDelay(Duration min, Duration max) {
            within("minReconnectDelay", min, Duration.ofMillis(10), Duration.ofHours(1));
            within("maxReconnectDelay", max, Duration.ofMillis(10), Duration.ofHours(1));
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("maxReconnectDelay (" + max + ") must not be shorter than "
                        + "minReconnectDelay (" + min + ")");
            }
            this.minReconnectDelay = min;
            this.maxReconnectDelay = max;
            return this;
        }

        /**
         * @param value hears connection and queue changes
         * @return this builder
         */
        public Builder listener(ShadowClientListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * @return the configuration
         * @throws ShadowConfigException listing every required setting that is missing
         */
        public ShadowClientConfig build() {
            List<String> missing = new ArrayList<>();
            if (endpoint == null) {
                missing.add("endpoint is not set: pass the AWS IoT device data endpoint (or set AWS_IOT_HOST)");
            }
            if (thingName == null) {
                missing.add("thingName is not set: pass the thing name, e.g. my_iot_device_1");
            }
            if (certificateFile == null) {
                missing.add("certificateFile is not set: pass the device certificate (<thing>-certificate.pem.crt)");
            }
            if (privateKeyFile == null) {
                missing.add("privateKeyFile is not set: pass the device key (<thing>-private.pem.key)");
            }
            if (caFile == null) {
                missing.add("caFile is not set: pass the CA file (AmazonRootCA1.pem for AWS IoT)");
            }
            if (!missing.isEmpty()) {
                throw new ShadowConfigException(missing);
            }
            return new ShadowClientConfig(this);
        }

        private static Duration within(String name, Duration value, Duration min, Duration max) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", got " + value);
            }
            return value;
        }
    }
}
