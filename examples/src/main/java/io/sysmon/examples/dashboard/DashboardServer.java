package io.sysmon.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sysmon.examples.alerts.AlertLog;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.Threads;
import io.sysmon.examples.store.MetricsQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: one chart per metric with a line per device, a time-window selector, a device filter, each
 * device's latest shadow document and the alerts, updated every 2 seconds. It reads the local time-series store
 * (the one the Timestream-style rule action writes) through {@link MetricsQuery} and the alerts through
 * {@link AlertLog}. Everything the page loads comes from the jar, the chart library (uPlot) included, so it
 * works offline.
 *
 * <pre>{@code
 * try (DashboardServer dashboard = DashboardServer.builder().port(8080).metrics(store).alerts(alertLog)
 *         .shadows(thing -> endpoint.shadowDocument(thing, Optional.empty())).build().start()) {
 *     System.out.println("dashboard on " + dashboard.uri());
 *     ...
 * }
 * }</pre>
 *
 * <h2>JSON API</h2>
 *
 * <p>Every path answers {@code GET} only ({@code 405} otherwise), with {@code Cache-Control: no-store}, gzipped
 * when the client sends {@code Accept-Encoding: gzip}. Times are milliseconds since the epoch in series, ISO-8601
 * UTC strings elsewhere. A bad parameter gives {@code 400} and an unknown path {@code 404}, both with a one-line
 * {@code {"error":"..."}}.
 *
 * <ul>
 *   <li>{@code GET /api/measures}: the measures, in chart order:
 *       {@code [{"measure":"cpu_usage","label":"CPU usage","unit":"%","chart":true}, ...]}. Charted: {@code cpu_usage}
 *       %, {@code cpu_temp} °C, {@code cpu_freq} MHz, {@code ram_percent} %, {@code fan_speed} rpm; also
 *       {@code ram_usage} and {@code ram_total} in bytes.</li>
 *   <li>{@code GET /api/devices}: every device that wrote a record, by name:
 *       {@code [{"device":"my_iot_device_1","lastSeen":"2026-05-01T12:00:00Z","shadow":{...}}]}; {@code shadow} is
 *       the device's classic shadow document, or {@code null} when there is none.</li>
 *   <li>{@code GET /api/series?measure=cpu_usage&window=1h&devices=a,b&points=600}: one series per device,
 *       oldest point first: {@code {"measure":"cpu_usage","unit":"%","from":MS,"to":MS,
 *       "series":{"my_iot_device_1":[[MS,12.5],[MS,null],...]}}}. {@code measure} is required; {@code window} is
 *       one of {@code 5m 15m 1h 6h 24h 7d} (default {@code 1h}) and ends now; {@code devices} is a comma-separated
 *       list, empty or absent for all; {@code points} is the most points per series, 2 to 2000 (default 600),
 *       longer series are averaged into that many buckets. A {@code null} value is a gap (the device sent nothing
 *       for a while). Values are rounded to 3 decimals; devices without points in the window are left out.</li>
 *   <li>{@code GET /api/alerts?window=24h}: alerts still firing, and those that fired or resolved within the
 *       window (default {@code 24h}), newest first: {@code [{"device":"my_iot_device_2","rule":"shadow-alerts-to-sns",
 *       "message":"my_iot_device_2: cpu_temp 88.3 °C > 80 °C","firedAt":"...Z","resolvedAt":"...Z"|null,
 *       "firing":false}]}.</li>
 * </ul>
 *
 * <p>The page is {@code /} ({@code /app.js}, {@code /app.css}); WebJar assets are under
 * {@code /webjars/NAME/[VERSION/]PATH}.
 *
 * <p>Requests are served by a small pool of {@value #THREADS} threads. {@link #start()} and {@link #close()} may
 * be called from any thread; {@link #close()} lets requests in flight finish for up to a second.
 */
public final class DashboardServer implements AutoCloseable {

    /** The threads that answer requests. */
    public static final int THREADS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final long DRAIN_MILLIS = 1000;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK's HttpServer flushes the headers and then writes the body: with Nagle's algorithm on, the body
        // waits for the client's delayed ACK, 40 ms per answer on Linux. The server reads this property once, when
        // the first HttpServer of the JVM is created; it has no per-server setting. An explicit value wins.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final InetAddress bindAddress;
    private final int requestedPort;
    private final DashboardApi api;
    private final StaticFiles files;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;
    private HttpServer server;
    private ExecutorService executor;

    private DashboardServer(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.requestedPort = builder.port;
        this.api = new DashboardApi(builder.metrics, builder.alerts, builder.shadows, builder.clock);
        this.files = new StaticFiles(DashboardServer.class.getClassLoader());
    }

    /** @return a builder; set at least {@link Builder#metrics} and {@link Builder#alerts} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening.
     *
     * @return this server
     * @throws PortInUseException when another process listens on the port
     * @throws UncheckedIOException when the server cannot listen for another reason (the bind address is not
     *     one of this machine's)
     * @throws IllegalStateException when already started or closed
     */
    public synchronized DashboardServer start() {
        if (server != null || closing) {
            throw new IllegalStateException(closing ? "the dashboard is closed: build a new one"
                    : "the dashboard was already started");
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 64);
        } catch (BindException e) {
            if (requestedPort != 0 && String.valueOf(e.getMessage()).contains("in use")) {
                throw new PortInUseException(requestedPort, e);
            }
            throw new UncheckedIOException("cannot listen on " + hostPort(requestedPort) + ": " + e.getMessage()
                    + ": pass a bind address of this machine, e.g. 127.0.0.1", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + hostPort(requestedPort) + ": " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(THREADS, Threads.daemons("sysmon-dashboard-"));
        created.setExecutor(executor);
        created.createContext("/", this::handle);
        created.start();
        server = created;
        LOG.debug("dashboard listening on {}", uri());
        return this;
    }

    /**
     * @return the port it listens on (the chosen one when built with port 0)
     * @throws IllegalStateException when not started
     */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the dashboard is not started: call start() first");
        }
        return server.getAddress().getPort();
    }

    /**
     * @return the page's address, e.g. {@code http://127.0.0.1:8080/}
     * @throws IllegalStateException when not started
     */
    public URI uri() {
        return URI.create("http://" + hostPort(port()) + "/");
    }

    /** Stops listening, lets requests in flight finish for up to a second, and stops the threads. Idempotent. */
    @Override
    public void close() {
        HttpServer stopping;
        synchronized (this) {
            closing = true;
            stopping = server;
            server = null;
        }
        if (stopping == null) {
            return;
        }
        // HttpServer.stop(n) waits the whole n seconds on JDK 17 even when idle, so drain here and stop at once.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopping.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        try {
            respond(exchange).send(exchange);
        } catch (IOException e) {
            LOG.debug("a dashboard client went away: {}", e.toString());
        } catch (Error e) {
            // HttpServer would drop the connection without a word; say why before it does.
            LOG.error("the dashboard failed on {}", exchange.getRequestURI(), e);
            throw e;
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private Response respond(HttpExchange exchange) {
        if (closing) {
            return Response.error(503, "the dashboard is shutting down");
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return Response.error(405, "method " + Arguments.quote(method)
                    + " is not allowed: the dashboard answers GET only");
        }
        String path = exchange.getRequestURI().getRawPath();
        try {
            if (path.startsWith("/api/")) {
                return api.handle(path, exchange.getRequestURI().getRawQuery());
            }
            return files.get(path).orElseGet(() -> Response.error(404, "no such page: " + Arguments.quote(path)));
        } catch (RuntimeException e) {
            LOG.warn("the dashboard could not answer {}: {}", path, e.toString(), e);
            return Response.error(500, "the dashboard failed: " + e);
        }
    }

    private String hostPort(int port) {
        String host = bindAddress.getHostAddress();
        return (bindAddress instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** Settings for a {@link DashboardServer}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = 8080;
        private MetricsQuery metrics;
        private AlertLog alerts;
        private Function<String, Optional<String>> shadows = device -> Optional.empty();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param host the address to listen on, a literal IP address or a name of this machine; default
         *     {@code 127.0.0.1}, so only this machine can see the dashboard
         * @return this builder
         * @throws IllegalArgumentException when the name does not resolve
         */
        public Builder bindAddress(String host) {
            Objects.requireNonNull(host, "bindAddress");
            try {
                this.bindAddress = InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bindAddress must be an IP address or a host name of this "
                        + "machine, got " + Arguments.quote(host), e);
            }
            return this;
        }

        /**
         * @param port the TCP port, 1 to 65535, or 0 for a free one; default 8080
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param metrics the store the Timestream-style rule writes (required)
         * @return this builder
         */
        public Builder metrics(MetricsQuery metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /**
         * @param alerts the alert log (required)
         * @return this builder
         */
        public Builder alerts(AlertLog alerts) {
            this.alerts = Objects.requireNonNull(alerts, "alerts");
            return this;
        }

        /**
         * @param shadows device id to its classic shadow document (JSON), or empty when it has none, e.g.
         *     {@code thing -> endpoint.shadowDocument(thing, Optional.empty())}; called on request threads, so
         *     it must be thread-safe. Default: no shadows.
         * @return this builder
         */
        public Builder shadows(Function<String, Optional<String>> shadows) {
            this.shadows = Objects.requireNonNull(shadows, "shadows");
            return this;
        }

        /**
         * @param clock where "now" comes from: windows end at its instant; default the system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return a server, not yet listening
         * @throws IllegalStateException naming every required setting that is missing
         */
        public DashboardServer build() {
            List<String> missing = new ArrayList<>();
            if (metrics == null) {
                missing.add("metrics is not set: pass the time-series store, builder().metrics(store)");
            }
            if (alerts == null) {
                missing.add("alerts is not set: pass the alert log, builder().alerts(log)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException(String.join("; ", missing));
            }
            return new DashboardServer(this);
        }
    }
}
