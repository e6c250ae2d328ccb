package io.sysmon.shadow.local;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.sysmon.shadow.local.internal.ShadowExtension;
import io.sysmon.shadow.local.internal.ShadowKey;
import io.sysmon.shadow.local.internal.ShadowService;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AWS-IoT-compatible endpoint on this machine: an embedded HiveMQ CE broker speaking MQTT 5 over TLS 1.2/1.3
 * with client certificates required, and a Device Shadow service with AWS's semantics on the
 * {@code $aws/things/<thing>/shadow/...} topics. Devices connect to it with the same {@code DeviceShadowClient}
 * and the same file names as to AWS IoT; only the host, port and CA file differ.
 *
 * <pre>{@code
 * try (LocalIotEndpoint endpoint = LocalIotEndpoint.builder().certsDir(Path.of("certs")).build().start()) {
 *     DeviceCredentials device = endpoint.issueDevice("my_iot_device_1");
 *     // connect a DeviceShadowClient to endpoint.host():endpoint.port() with device's files
 * }
 * }</pre>
 *
 * <p>As AWS IoT's least-privilege policy does, it only lets a device connect with a client ID equal to the thing
 * name in its certificate (common name); others are refused with CONNACK "not authorized".
 *
 * <p>It needs {@code com.hivemq:hivemq-community-edition-embedded} on the classpath (an optional dependency of
 * shadow-lib). {@link #stop()} and {@link #start()} may be called again, to simulate an outage: shadows survive
 * it, as they do on AWS. Thread-safe.
 */
public final class LocalIotEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalIotEndpoint.class);
    private static final long START_STOP_SECONDS = 60;

    private final String host;
    private final Path certsDir;
    private final boolean ownsWorkDir;
    private final boolean requireClientIdMatch;
    private final LocalCertificateAuthority authority;
    private final ShadowService shadows;
    private final Path shadowStateFile;
    private int port;
    /** Made by the first {@link #start()} unless given, so an endpoint that never runs leaves nothing behind. */
    private Path workDir;
    private EmbeddedHiveMQ broker;
    private boolean closed;

    private LocalIotEndpoint(Builder b) throws IOException {
        this.host = b.host;
        this.certsDir = b.certsDir;
        this.ownsWorkDir = b.workDir == null;
        this.workDir = b.workDir != null ? Files.createDirectories(b.workDir) : null;
        this.requireClientIdMatch = b.requireClientIdMatch;
        this.port = b.port;
        this.authority = LocalCertificateAuthority.createOrLoad(certsDir);
        this.shadows = new ShadowService(b.clock);
        this.shadowStateFile = b.shadowStateFile;
        if (shadowStateFile != null) {
            ShadowStateFile.load(shadowStateFile).ifPresent(shadows::importDocuments);
        }
    }

    /** @return a builder: loopback, a free port, certificates in {@code certs/} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker, or restarts it after {@link #stop()} on the same port.
     *
     * @return this endpoint
     * @throws LocalEndpointException when the port is taken or the broker cannot start; the message names it
     */
    public synchronized LocalIotEndpoint start() {
        if (closed) {
            throw new IllegalStateException("this endpoint is closed");
        }
        if (broker != null) {
            return this;
        }
        try {
            if (port == 0) {
                port = freePort(host);
            } else {
                requirePortFree(host, port);
            }
            if (workDir == null) {
                workDir = Files.createTempDirectory("sysmon-local-endpoint-");
            }
            Path conf = writeConfiguration();
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path extensions = Files.createDirectories(workDir.resolve("extensions"));
            EmbeddedExtension extension = EmbeddedExtension.builder()
                    .withId("sysmon-shadow-service")
                    .withName("sysmon device shadow service")
                    .withVersion("1")
                    .withAuthor("sysmon")
                    .withPriority(1000)
                    .withStartPriority(1000)
                    .withExtensionMain(new ShadowExtension(shadows, requireClientIdMatch))
                    .build();
            EmbeddedHiveMQ started = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withoutLoggingBootstrap()
                    .withEmbeddedExtension(extension)
                    .build();
            try {
                started.start().get(START_STOP_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                closeQuietly(started);
                throw new LocalEndpointException("the local endpoint could not start on " + host + ":" + port
                        + ": " + rootMessage(e) + ": is the port in use?", e);
            }
            broker = started;
            LOG.info("local AWS IoT endpoint listening on {}:{} (TLS, client certificates from {})", host, port,
                    authority.caFile());
            return this;
        } catch (IOException | GeneralSecurityException e) {
            throw new LocalEndpointException("the local endpoint could not prepare "
                    + (workDir == null ? "its working directory" : workDir) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalEndpointException("interrupted while starting the local endpoint", e);
        }
    }

    /**
     * Stops the broker; devices see the connection drop. Shadows are kept for a later {@link #start()}, and
     * written to the shadow state file if one was configured.
     */
    public synchronized void stop() {
        EmbeddedHiveMQ running = broker;
        broker = null;
        if (running != null) {
            closeQuietly(running);
            LOG.info("local AWS IoT endpoint on {}:{} stopped", host, port);
        }
        saveShadows();
    }

    /**
     * Writes every shadow to the shadow state file now (it is also written on {@link #stop()}); does nothing
     * without one.
     *
     * @throws LocalEndpointException when the file cannot be written
     */
    public synchronized void saveShadows() {
        if (shadowStateFile != null) {
            ShadowStateFile.save(shadowStateFile, shadows.exportDocuments());
        }
    }

    /** Stops the broker and deletes the working directory it made. Idempotent. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        if (ownsWorkDir && workDir != null) {
            deleteTree(workDir);
        }
    }

    /**
     * Writes (or reuses) a device key and certificate for {@code thingName} in the certificates directory,
     * under the names the AWS console uses.
     *
     * @param thingName the thing
     * @return its credential files
     * @throws IllegalArgumentException when {@code thingName} is not a valid thing name
     */
    public DeviceCredentials issueDevice(String thingName) {
        return authority.issueDevice(thingName);
    }

    /**
     * @param listener hears every accepted shadow update (for rules engines); runs on a broker thread
     */
    public void addAcceptedUpdateListener(AcceptedUpdateListener listener) {
        shadows.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param thingName the thing
     * @param shadowName a named shadow, or empty for the classic one
     * @return the shadow's current document, as {@code get} would return its state, metadata and version
     */
    public Optional<String> shadowDocument(String thingName, Optional<String> shadowName) {
        return shadows.document(thingName, shadowName);
    }

    /**
     * Changes a shadow from the cloud side, as the AWS console or the {@code UpdateThingShadow} API does: the
     * device hears {@code update/accepted}, {@code update/documents} and, when desired differs from reported,
     * {@code update/delta}.
     *
     * @param thingName the thing
     * @param shadowName a named shadow, or empty for the classic one
     * @param requestJson the update request, e.g. {@code {"state":{"desired":{"interval":5}}}}
     * @return the service's answer: the {@code update/accepted} or {@code update/rejected} payload
     * @throws IllegalStateException when the endpoint is not running
     */
    public synchronized String updateShadow(String thingName, Optional<String> shadowName, String requestJson) {
        if (broker == null) {
            throw new IllegalStateException("the local endpoint is not running: start() it first");
        }
        String topic = new ShadowKey(thingName, shadowName).topicPrefix() + "/update";
        ShadowService.Result result = shadows.handle(topic,
                requestJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), "sysmon-console");
        ShadowExtension.publish(result);
        return result.messages().isEmpty() ? "" : result.messages().get(0).payloadAsString();
    }

    /** @return the host devices connect to */
    public String host() {
        return host;
    }

    /** @return the TLS port; chosen when started, if it was 0 */
    public synchronized int port() {
        return port;
    }

    /** @return whether the broker is running */
    public synchronized boolean isRunning() {
        return broker != null;
    }

    /** @return the CA certificate devices must trust instead of {@code AmazonRootCA1.pem} */
    public Path caFile() {
        return authority.caFile();
    }

    /** @return where device credentials are written */
    public Path certsDir() {
        return certsDir;
    }

    private Path writeConfiguration() throws IOException, GeneralSecurityException {
        Path conf = Files.createDirectories(workDir.resolve("conf"));
        char[] password = randomPassword();
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        if (!names.contains(host)) {
            names.add(host);
        }
        Path keyStore = conf.resolve("server-keystore.p12");
        Path trustStore = conf.resolve("client-truststore.p12");
        store(authority.serverKeyStore(password, names.toArray(new String[0])), keyStore, password);
        store(authority.trustStore(password), trustStore, password);
        String pass = new String(password);
        String xml = "<?xml version=\"1.0\"?>\n"
                + "<hivemq>\n"
                + "  <listeners>\n"
                + "    <tls-tcp-listener>\n"
                + "      <port>" + port + "</port>\n"
                + "      <bind-address>" + host + "</bind-address>\n"
                + "      <name>sysmon-local-tls</name>\n"
                + "      <tls>\n"
                + "        <keystore><path>" + keyStore.toAbsolutePath() + "</path><password>" + pass
                + "</password><private-key-password>" + pass + "</private-key-password></keystore>\n"
                + "        <truststore><path>" + trustStore.toAbsolutePath() + "</path><password>" + pass
                + "</password></truststore>\n"
                + "        <protocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></protocols>\n"
                + "        <client-authentication-mode>REQUIRED</client-authentication-mode>\n"
                + "        <handshake-timeout>5000</handshake-timeout>\n"
                + "      </tls>\n"
                + "    </tls-tcp-listener>\n"
                + "  </listeners>\n"
                + "  <mqtt>\n"
                + "    <quality-of-service><max-qos>1</max-qos></quality-of-service>\n"
                + "  </mqtt>\n"
                + "  <persistence><mode>in-memory</mode></persistence>\n"
                + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                + "</hivemq>\n";
        Files.writeString(conf.resolve("config.xml"), xml);
        return conf;
    }

    private static void store(KeyStore keyStore, Path file, char[] password)
            throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password);
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int i = 0; i < password.length; i++) {
            password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return password;
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        }
    }

    private static void requirePortFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new LocalEndpointException("port " + port + " on " + host + " is already in use: stop whatever "
                    + "listens there, or choose another port", e);
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ hive) {
        try {
            hive.stop().get(START_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the local endpoint's broker did not stop cleanly: {}", rootMessage(e));
        }
        try {
            hive.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("closing the broker: {}", rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.debug("could not clean {}: {}", dir, e.getMessage());
        }
    }

    /** Builds a {@link LocalIotEndpoint}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private Path certsDir = Path.of("certs");
        private Path workDir;
        private boolean requireClientIdMatch = true;
        private Clock clock = Clock.systemUTC();
        private Path shadowStateFile;

        private Builder() {
        }

        /**
         * @param file where shadows are kept across restarts: read when the endpoint is built, written when it
         *     stops; by default shadows live in memory only, as long as the endpoint object
         * @return this builder
         */
        public Builder shadowStateFile(Path file) {
            this.shadowStateFile = Objects.requireNonNull(file, "shadowStateFile");
            return this;
        }

        /**
         * @param value the address to listen on; loopback by default
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /**
         * @param value the TLS port, 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * @param dir where the CA and device credentials live ({@code certs/} by default)
         * @return this builder
         */
        public Builder certsDir(Path dir) {
            this.certsDir = Objects.requireNonNull(dir, "certsDir");
            return this;
        }

        /**
         * @param dir where the broker keeps its configuration and data; a temporary directory, deleted on
         *     close, by default
         * @return this builder
         */
        public Builder workDir(Path dir) {
            this.workDir = Objects.requireNonNull(dir, "workDir");
            return this;
        }

        /**
         * @param value whether a device must connect with its certificate's thing name as client ID (true by
         *     default, as AWS's least-privilege policy requires)
         * @return this builder
         */
        public Builder requireClientIdMatchesCertificate(boolean value) {
            this.requireClientIdMatch = value;
            return this;
        }

        /**
         * @param value the clock for shadow timestamps
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Creates (or loads) the certificate authority; nothing listens until {@link LocalIotEndpoint#start()}.
         *
         * @return the endpoint
         * @throws LocalEndpointException when the directories cannot be written
         */
        public LocalIotEndpoint build() {
            try {
                return new LocalIotEndpoint(this);
            } catch (IOException e) {
                throw new LocalEndpointException("cannot create the local endpoint's directories: " + e.getMessage(),
                        e);
            }
        }
    }
}
