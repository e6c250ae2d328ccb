package io.sysmon.examples.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.examples.store.DataDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for the alert rule's SNS topic: turns the rule's notifications into alerts that fire once
 * when a device crosses a threshold and resolve once when it is back within the thresholds, instead of one
 * notification per message.
 *
 * <p>Per (device, rule): {@link #fire} while not firing records an {@link Alert}, appends
 * {@code {"event":"fired","device":..,"rule":..,"message":..,"time":..}} to {@code <dataDir>/notifications.log},
 * logs one INFO line and POSTs the same JSON to the optional webhook; {@link #fire} while firing does nothing.
 * {@link #resolve} of a firing alert does the same with {@code "event":"resolved"} (plus {@code "firedAt"}).
 * Times are ISO-8601 instants. Webhook deliveries run in the background, in order, with a 5 s timeout; a failure
 * is logged once per kind and never holds up the caller.
 *
 * <p>{@link #open} reads {@code notifications.log} back, so alerts survive a restart: an alert that was firing
 * stays firing until its device recovers. Thread-safe.
 */
public final class AlertNotifier implements AlertLog, AutoCloseable {

    /** The notification log's name in the data directory. */
    public static final String LOG_FILE = "notifications.log";
    /** Resolved alerts kept in memory beyond this many are forgotten, oldest first (the log keeps them all). */
    static final int MAX_RESOLVED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Path logFile;
    private final Optional<Webhook> webhook;
    private final Map<Key, Alert> firing = new LinkedHashMap<>();
    private final Deque<Alert> resolved = new ArrayDeque<>();
    private Writer writer; // guarded by this; null when closed
    private boolean writeFailureLogged;

    private record Key(String device, String rule) {
    }

    private AlertNotifier(Path logFile, Optional<URI> webhook) {
        this.logFile = logFile;
        this.webhook = webhook.map(Webhook::new);
    }

    /**
     * Opens the notifier: reads {@code <dataDir>/notifications.log} back (skipping, with one warning, lines that
     * are not notifications) and appends to it from now on.
     *
     * @param dataDir the data directory, created when missing
     * @param webhook where to POST each notification as JSON, or empty; check it with {@link #webhookUri}
     * @return the notifier
     * @throws io.sysmon.examples.store.DataDirectoryException when the directory cannot be created or written
     * @throws UncheckedIOException when the log exists but cannot be read or opened for appending
     */
    public static AlertNotifier open(Path dataDir, Optional<URI> webhook) {
        return open(dataDir, webhook, LOG::warn);
    }

    /**
     * Opens the notifier in a directory checked already, as {@link #open(Path, Optional)} does otherwise.
     *
     * @param dataDir the data directory
     * @param webhook where to POST each notification as JSON, or empty; check it with {@link #webhookUri}
     * @return the notifier
     * @throws UncheckedIOException when the log exists but cannot be read or opened for appending
     */
    public static AlertNotifier open(DataDirectory dataDir, Optional<URI> webhook) {
        webhook.ifPresent(uri -> webhookUri(uri.toString()));
        return open(dataDir, webhook, LOG::warn);
    }

    /** @param warnings where the warning about unreadable lines goes (a test collects it) */
    static AlertNotifier open(Path dataDir, Optional<URI> webhook, Consumer<String> warnings) {
        webhook.ifPresent(uri -> webhookUri(uri.toString()));
        return open(DataDirectory.checked(dataDir), webhook, warnings);
    }

    private static AlertNotifier open(DataDirectory dataDir, Optional<URI> webhook, Consumer<String> warnings) {
        AlertNotifier notifier = new AlertNotifier(dataDir.path().resolve(LOG_FILE), webhook);
        notifier.load(warnings);
        try {
            notifier.writer = Files.newBufferedWriter(notifier.logFile, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + notifier.logFile + ": " + e.getMessage(), e);
        }
        return notifier;
    }

    /**
     * Checks a webhook URL.
     *
     * @param text the URL as given, e.g. {@code http://localhost:9000/alerts}
     * @return it as a URI
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host; the message
     *     says what is expected
     */
    public static URI webhookUri(String text) {
        Objects.requireNonNull(text, "text");
        String expected = "must be an http:// or https:// URL with a host, e.g. http://localhost:9000/alerts, got '"
                + text + "'";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the webhook URL " + expected, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL " + expected);
        }
        return uri;
    }

    /** @return the notification log, {@code <dataDir>/notifications.log} */
    public Path logFile() {
        return logFile;
    }

    /** @return the webhook URL, if any */
    public Optional<URI> webhook() {
        return webhook.map(Webhook::uri);
    }

    /**
     * A device crossed a threshold of a rule: fires an alert unless one is firing already.
     *
     * @param device the device id
     * @param rule the rule's name
     * @param message the readable message, e.g. {@code my_iot_device_2: cpu_temp 88.3 °C > 80 °C}
     * @param at when the message arrived
     * @return whether a new alert fired
     * @throws UncheckedIOException when the alert fired but could not be written to the log (the caller may report
     *     it as the action's failure); the alert is still held and posted
     */
    public boolean fire(String device, String rule, String message, Instant at) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        Key key = new Key(Objects.requireNonNull(device, "device"), Objects.requireNonNull(rule, "rule"));
        String json;
        synchronized (this) {
            if (firing.containsKey(key)) {
                return false;
            }
            firing.put(key, new Alert(device, rule, message, at, Optional.empty()));
            json = line("fired", key, message, at, null);
            LOG.info("ALERT {}", message);
            notify(json);
        }
        return true;
    }

    /**
     * A device is back within the thresholds of a rule: resolves its firing alert, if any.
     *
     * @param device the device id
     * @param rule the rule's name
     * @param at when the message that shows it arrived
     * @return whether an alert resolved
     * @throws UncheckedIOException as for {@link #fire}
     */
    public boolean resolve(String device, String rule, Instant at) {
        Objects.requireNonNull(at, "at");
        Key key = new Key(Objects.requireNonNull(device, "device"), Objects.requireNonNull(rule, "rule"));
        synchronized (this) {
            Alert alert = firing.remove(key);
            if (alert == null) {
                return false;
            }
            keepResolved(new Alert(device, rule, alert.message(), alert.firedAt(), Optional.of(at)));
            LOG.info("RESOLVED {} is back within the thresholds of {} (alert fired at {})", device, rule,
                    alert.firedAt());
            notify(line("resolved", key, alert.message(), at, alert.firedAt()));
        }
        return true;
    }

    /**
     * @param device the device id
     * @param rule the rule's name
     * @return whether an alert of that device and rule is firing
     */
    public synchronized boolean isFiring(String device, String rule) {
        return firing.containsKey(new Key(device, rule));
    }

    @Override
    public List<Alert> alerts(Instant since) {
        Objects.requireNonNull(since, "since");
        List<Alert> result = new ArrayList<>();
        synchronized (this) {
            result.addAll(firing.values());
            for (Alert a : resolved) {
                if (!a.firedAt().isBefore(since) || !a.resolvedAt().orElseThrow().isBefore(since)) {
                    result.add(a);
                }
            }
        }
        result.sort(Comparator.comparing(Alert::firedAt).reversed()
                .thenComparing(Alert::device).thenComparing(Alert::rule));
        return List.copyOf(result);
    }

    private void keepResolved(Alert alert) {
        resolved.addLast(alert);
        if (resolved.size() > MAX_RESOLVED) {
            resolved.removeFirst();
        }
    }

    private static String line(String event, Key key, String message, Instant at, Instant firedAt) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", event);
        o.put("device", key.device());
        o.put("rule", key.rule());
        o.put("message", message);
        o.put("time", at.toString());
        if (firedAt != null) {
            o.put("firedAt", firedAt.toString());
        }
        return o.toString();
    }

    /** Posts, then appends to the log; a log failure is thrown after the post is queued. Holds the lock. */
    private void notify(String json) {
        webhook.ifPresent(w -> w.post(json));
        if (writer == null) {
            throw new IllegalStateException("the alert notifier for " + logFile + " is closed");
        }
        try {
            writer.write(json);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            if (!writeFailureLogged) {
                writeFailureLogged = true;
                LOG.warn("cannot append to {} ({}); alerts are kept in memory only (said once)", logFile,
                        e.toString());
            }
            throw new UncheckedIOException("cannot append to " + logFile + ": " + e.getMessage(), e);
        }
    }

    private void load(Consumer<String> warnings) {
        long lineNumber = 0;
        long skipped = 0;
        long firstSkipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(logFile, StandardCharsets.UTF_8)) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                lineNumber++;
                if (!text.isBlank() && !replay(text) && skipped++ == 0) {
                    firstSkipped = lineNumber;
                }
            }
        } catch (NoSuchFileException e) {
            return; // the first run
        } catch (IOException e) { // includes malformed UTF-8
            throw new UncheckedIOException("cannot read " + logFile + " (" + e + "): fix or move it", e);
        }
        if (skipped > 0) {
            warnings.accept("skipped " + skipped + (skipped == 1 ? " line" : " lines") + " of " + logFile
                    + " that " + (skipped == 1 ? "is" : "are") + " not a notification (first: line " + firstSkipped
                    + ")");
        }
    }

    /** @return whether the line is a notification */
    private boolean replay(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject() || !n.path("device").isTextual() || !n.path("rule").isTextual()
                    || !n.path("time").isTextual()) {
                return false;
            }
            Key key = new Key(n.path("device").textValue(), n.path("rule").textValue());
            String message = n.path("message").asText("");
            Instant time = Instant.parse(n.path("time").textValue());
            switch (n.path("event").asText()) {
                case "fired":
                    firing.putIfAbsent(key, new Alert(key.device(), key.rule(), message, time, Optional.empty()));
                    return true;
                case "resolved":
                    Alert alert = firing.remove(key);
                    Instant firedAt = alert != null ? alert.firedAt()
                            : n.path("firedAt").isTextual() ? Instant.parse(n.path("firedAt").textValue()) : time;
                    keepResolved(new Alert(key.device(), key.rule(), alert != null ? alert.message() : message,
                            firedAt, Optional.of(time)));
                    return true;
                default:
                    return false;
            }
        } catch (IOException | DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Closes the log and waits up to 5 s for webhook deliveries still under way. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (writer == null) {
                return;
            }
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("closing {}: {}", logFile, e.toString());
            }
            writer = null;
        }
        webhook.ifPresent(w -> {
            if (!w.await(CLOSE_WAIT)) {
                LOG.warn("webhook {}: notifications still undelivered after {} s; giving up", w.uri(),
                        CLOSE_WAIT.toSeconds());
            }
        });
    }

    /**
     * Waits for the webhook deliveries queued so far (a test, or a command about to exit, may want them done).
     *
     * @param bound how long to wait at most
     * @return whether they are done (true when there is no webhook)
     */
    public boolean awaitWebhook(Duration bound) {
        return webhook.map(w -> w.await(bound)).orElse(true);
    }

    @Override
    public String toString() {
        return "AlertNotifier{" + logFile + webhook.map(w -> ", webhook " + w.uri()).orElse("") + "}";
    }
}
