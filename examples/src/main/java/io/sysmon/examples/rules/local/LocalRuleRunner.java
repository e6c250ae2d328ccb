package io.sysmon.examples.rules.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.sysmon.MetricsPayload;
import io.sysmon.examples.alerts.AlertNotifier;
import io.sysmon.examples.rules.ActionFailure;
import io.sysmon.examples.rules.ActionRequest;
import io.sysmon.examples.rules.CloudWatchLogsPut;
import io.sysmon.examples.rules.InfluxDbWrite;
import io.sysmon.examples.rules.Message;
import io.sysmon.examples.rules.OtherActionRequest;
import io.sysmon.examples.rules.RuleEngine;
import io.sysmon.examples.rules.RuleMatch;
import io.sysmon.examples.rules.RuleOutcome;
import io.sysmon.examples.rules.S3PutObject;
import io.sysmon.examples.rules.ShippedRules;
import io.sysmon.examples.rules.SnsPublish;
import io.sysmon.examples.rules.TimestreamWrite;
import io.sysmon.examples.rules.TopicRule;
import io.sysmon.examples.store.DataDirectory;
import io.sysmon.examples.store.TimeSeriesStore;
import io.sysmon.shadow.local.AcceptedUpdate;
import io.sysmon.shadow.local.AcceptedUpdateListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs topic rules on every shadow update the local endpoint accepts, and carries out their actions locally:
 *
 * <ul>
 *   <li>{@code timestream} → {@link TimeSeriesStore#write};</li>
 *   <li>{@code s3} → the file {@code <dataDir>/s3/<bucket>/<key>} (a key that would leave that folder fails);</li>
 *   <li>{@code influxDB} → one line of line protocol appended to {@code <dataDir>/influxdb/<database>.lp};</li>
 *   <li>{@code sns} → {@link AlertNotifier#fire}, with the device and message taken from the notification's
 *       {@code device_id} and {@code message} attributes (the shipped alert rule selects both);</li>
 *   <li>{@code cloudwatchLogs}, and the rules' error action → one JSON line appended to
 *       {@code <dataDir>/logs/<log group>.log}.</li>
 * </ul>
 *
 * <p>An action that fails, in the rules engine (an {@link ActionFailure}) or here (a file that cannot be written),
 * triggers the rule's error action with AWS's error document, and one warning per rule and cause is logged.
 *
 * <p>Alerts resolve here too: for every metrics report (a {@code state.reported.timestamp} above 0, the shipped
 * rules' own test) of a device whose alert of an enabled rule with an {@code sns} action is firing, when that
 * rule's WHERE is false the device is back within the thresholds: the alert resolves. The one evaluation of the
 * message that ran the actions says so.
 *
 * <p>Threading: {@link #onAcceptedUpdate} runs on the broker's threads and only hands the update to one worker
 * thread, through a bounded queue, so updates are processed one at a time in the order they were accepted. When
 * the queue is full the update is dropped and counted ({@link #dropped()}), with a warning at the 1st, 10th,
 * 100th... drop: the broker is never blocked. {@link #close()} processes what is queued, waiting at most 10 s.
 */
public final class LocalRuleRunner implements AcceptedUpdateListener, AutoCloseable {

    /** How many accepted updates may wait for processing before new ones are dropped. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuleRunner.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final int MAX_WARNED = 1000;
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NUMBERS = Pattern.compile("[0-9]+");

    private final RuleEngine engine;
    private final Set<TopicRule> alertRules;
    private final TimeSeriesStore store;
    private final AlertNotifier alerts;
    private final LocalFiles files;
    private final Path dataDir;
    private final Consumer<String> warnings;
    private final ThreadPoolExecutor worker;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    private LocalRuleRunner(Builder b, Path dataDir) {
        this.engine = new RuleEngine(b.rules, b.uuids);
        this.alertRules = Set.copyOf(b.rules.stream()
                .filter(r -> r.actions().stream().anyMatch(a -> a.type().equals("sns")))
                .toList());
        this.store = b.store;
        this.alerts = b.alerts;
        this.dataDir = dataDir;
        this.files = new LocalFiles(dataDir);
        this.warnings = b.warnings;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(b.queueCapacity), runnable -> {
                    Thread t = new Thread(runnable, "sysmon-local-rules");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * @param dataDir the data directory: created when missing; the S3, InfluxDB and log folders go in it
     * @param store where {@code timestream} actions write
     * @param alerts where {@code sns} actions notify
     * @return a builder running the shipped rules ({@link ShippedRules#load()}) unless told otherwise
     */
    public static Builder builder(Path dataDir, TimeSeriesStore store, AlertNotifier alerts) {
        return new Builder(Objects.requireNonNull(dataDir, "dataDir"), null, store, alerts);
    }

    /** @param dataDir the data directory, checked already by whoever opened the store and the notifier in it */
    static Builder builder(DataDirectory dataDir, TimeSeriesStore store, AlertNotifier alerts) {
        return new Builder(null, Objects.requireNonNull(dataDir, "dataDir"), store, alerts);
    }

    /** @return the data directory, absolute */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the rules it runs */
    public List<TopicRule> rules() {
        return engine.rules();
    }

    /** @return how many accepted updates were processed */
    public long processed() {
        return processed.get();
    }

    /** @return how many accepted updates were dropped because the queue was full (or it was closed) */
    public long dropped() {
        return dropped.get();
    }

    /** Hands the update to the worker thread; never blocks. */
    @Override
    public void onAcceptedUpdate(AcceptedUpdate update) {
        Objects.requireNonNull(update, "update");
        handOver(() -> process(update));
    }

    /** @return whether the worker took the task; a dropped one is counted, and the 1st, 10th, 100th... logged */
    boolean handOver(Runnable task) {
        if (closed) {
            dropped.incrementAndGet();
            return false;
        }
        try {
            worker.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            if (!closed && isPowerOfTen(n)) {
                LOG.warn("the local rules fall behind: {} accepted {} dropped so far, because {} were waiting "
                        + "(the data of those updates is not stored)", n, n == 1 ? "update" : "updates",
                        worker.getQueue().size());
            }
            return false;
        }
    }

    private static boolean isPowerOfTen(long n) {
        while (n % 10 == 0 && n > 1) {
            n /= 10;
        }
        return n == 1;
    }

    /**
     * Waits until every update handed over before this call has been processed.
     *
     * @param bound how long to wait at most
     * @return whether they were processed in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitProcessed(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        CountDownLatch done = new CountDownLatch(1);
        while (true) {
            try {
                worker.execute(done::countDown);
                break;
            } catch (RejectedExecutionException e) { // full: wait for room; closed: done when terminated
                if (worker.isShutdown()) {
                    return worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(5);
            }
        }
        return done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    // ---- on the worker thread ---------------------------------------------------------------------------------

    private void process(AcceptedUpdate update) {
        try {
            Message message = Message.of(update.topic(), update.request().getBytes(StandardCharsets.UTF_8),
                    update.clientId(), update.timestamp());
            List<RuleOutcome> outcomes = engine.evaluateAll(message);
            for (RuleOutcome outcome : outcomes) {
                if (outcome.match() != null) {
                    run(outcome.match(), message, update);
                }
            }
            resolveAlerts(outcomes, message, update);
        } catch (RuntimeException e) {
            warnOnce("bug:" + e.getClass().getName(), () -> "the local rules could not process an update of "
                    + update.thingName() + ": " + e + " (said once per kind of error)");
        } finally {
            processed.incrementAndGet();
        }
    }

    private void run(RuleMatch match, Message message, AcceptedUpdate update) {
        TopicRule rule = match.rule();
        List<ActionFailure> failures = null; // in action order, for the warnings
        List<ActionFailure> local = null;
        for (ActionRequest request : match.actions()) {
            ActionFailure failure;
            if (request instanceof ActionFailure f) {
                failure = f;
            } else {
                try {
                    execute(rule, request, match.result(), update);
                    continue;
                } catch (RuntimeException e) {
                    failure = ActionFailure.of(request,
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    local = add(local, failure);
                }
            }
            failures = add(failures, failure);
        }
        if (failures == null) {
            return;
        }
        List<ActionRequest> errorActions = match.errorActions();
        if (local != null) {
            Optional<ActionRequest> forLocal = engine.renderErrorAction(rule, message, local);
            if (forLocal.isPresent()) {
                errorActions = new ArrayList<>(errorActions);
                errorActions.add(forLocal.get());
            }
        }
        Path logFile = errorActions.stream()
                .filter(r -> r instanceof CloudWatchLogsPut)
                .map(r -> files.logFile(((CloudWatchLogsPut) r).logGroupName()))
                .findFirst().orElse(null);
        for (ActionFailure failure : failures) {
            warnFailure(rule, failure, logFile);
        }
        for (ActionRequest errorAction : errorActions) {
            runErrorAction(rule, errorAction, update.timestamp());
        }
    }

    private static <T> List<T> add(List<T> list, T element) {
        List<T> to = list == null ? new ArrayList<>(1) : list;
        to.add(element);
        return to;
    }

    /** @param result the rule's SELECT result, which the request was rendered from */
    private void execute(TopicRule rule, ActionRequest request, JsonNode result, AcceptedUpdate update) {
        if (request instanceof TimestreamWrite write) {
            store.write(write);
        } else if (request instanceof S3PutObject put) {
            files.putObject(put);
        } else if (request instanceof InfluxDbWrite point) {
            files.writePoint(point);
        } else if (request instanceof SnsPublish publish) {
            notify(rule, publish, result, update);
        } else if (request instanceof CloudWatchLogsPut log) {
            files.putLogEvent(log.logGroupName(), log.message(), update.timestamp());
        } else if (request instanceof OtherActionRequest other) {
            warnOnce(rule.name() + ":unsupported:" + other.action(), () -> "rule " + rule.name() + ": its '"
                    + other.action() + "' action has no local equivalent and is skipped (said once)");
        }
    }

    /**
     * @param result the SELECT result the notification's message was written from: its attributes are read here
     *     rather than parsed back out of the message
     */
    private void notify(TopicRule rule, SnsPublish publish, JsonNode result, AcceptedUpdate update) {
        String device = update.thingName();
        String text = publish.message();
        if (result.isObject()) { // else a RAW message that is not a JSON object: the whole text is the message
            if (result.path("device_id").isTextual()) {
                device = result.path("device_id").textValue();
            }
            if (result.path("message").isTextual()) {
                text = result.path("message").textValue();
            }
        }
        alerts.fire(device, rule.name(), text, update.timestamp());
    }

    /**
     * Resolves the firing alerts of the rules with an SNS action whose WHERE was false for this metrics report,
     * from the same evaluation that ran the rules' actions.
     */
    private void resolveAlerts(List<RuleOutcome> outcomes, Message message, AcceptedUpdate update) {
        if (alertRules.isEmpty() || !isMetricsReport(message)) {
            return;
        }
        String device = update.thingName();
        for (RuleOutcome outcome : outcomes) {
            TopicRule rule = outcome.rule();
            if (outcome.status() != RuleOutcome.Status.WHERE_NOT_TRUE || !"false".equals(outcome.whereValue())
                    || !alertRules.contains(rule) || !alerts.isFiring(device, rule.name())) {
                continue;
            }
            try {
                alerts.resolve(device, rule.name(), update.timestamp());
            } catch (RuntimeException e) {
                warnOnce(rule.name() + ":resolve:" + e.getClass().getName(), () -> "rule " + rule.name()
                        + ": the resolved alert could not be logged: " + e.getMessage() + " (said once)");
            }
        }
    }

    /** @return whether the message is a metrics report: {@code state.reported.timestamp} is a number above 0 */
    static boolean isMetricsReport(Message message) {
        JsonNode timestamp = message.payload().path("state").path("reported").path(MetricsPayload.TIMESTAMP);
        return timestamp.isNumber() && timestamp.doubleValue() > 0;
    }

    private void runErrorAction(TopicRule rule, ActionRequest request, Instant at) {
        try {
            if (request instanceof CloudWatchLogsPut log) {
                files.putLogEvent(log.logGroupName(), log.message(), at);
            } else {
                warnOnce(rule.name() + ":error-action:" + request.action(), () -> "rule " + rule.name() + ": its error "
                        + "action '" + request.action() + "' has no local equivalent; failures are only logged");
            }
        } catch (RuntimeException e) {
            warnOnce(rule.name() + ":error-action-failed:" + e.getClass().getName(), () -> "rule " + rule.name()
                    + ": its error action failed too: " + e.getMessage() + " (said once)");
        }
    }

    /** @param logFile where the failure's error document goes, or null */
    private void warnFailure(TopicRule rule, ActionFailure failure, Path logFile) {
        warnOnce(rule.name() + ":" + failure.failedAction() + ":" + causeOf(failure.errorMessage()),
                () -> "rule " + rule.name() + ": " + failure.failedAction() + " on " + failure.failedResource()
                        + " failed: " + failure.errorMessage()
                        + (logFile == null ? "" : "; each failure goes to " + logFile)
                        + " (said once per rule and cause)");
    }

    /** @return the kind of an error message: its text with the quoted parts and numbers left out */
    private static String causeOf(String errorMessage) {
        return NUMBERS.matcher(QUOTED.matcher(errorMessage).replaceAll("''")).replaceAll("0");
    }

    /** @param warning built only for the first warning of its key, as most are dropped */
    private void warnOnce(String key, Supplier<String> warning) {
        if (warned.size() < MAX_WARNED && warned.add(key)) {
            warnings.accept(warning.get());
        }
    }

    /**
     * Stops taking updates, processes those already queued (waiting at most 10 s) and stops the worker thread.
     * It does not close the store or the notifier. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                int lost = worker.shutdownNow().size();
                LOG.warn("the local rules did not finish within {} s; {} queued updates are not processed",
                        CLOSE_WAIT.toSeconds(), lost);
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (dropped.get() > 0) {
            LOG.warn("the local rules dropped {} accepted updates in all because they fell behind", dropped.get());
        }
    }

    @Override
    public String toString() {
        return "LocalRuleRunner{" + engine.rules().size() + " rules, data in " + dataDir + "}";
    }

    /** Builds a {@link LocalRuleRunner}; each setter checks its argument. */
    public static final class Builder {
        private final Path dataDir; // to check, unless checked is given
        private final DataDirectory checked;
        private final TimeSeriesStore store;
        private final AlertNotifier alerts;
        private List<TopicRule> rules;
        private Supplier<UUID> uuids = UUID::randomUUID;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Consumer<String> warnings = LOG::warn;

        private Builder(Path dataDir, DataDirectory checked, TimeSeriesStore store, AlertNotifier alerts) {
            this.dataDir = dataDir;
            this.checked = checked;
            this.store = Objects.requireNonNull(store, "store");
            this.alerts = Objects.requireNonNull(alerts, "alerts");
        }

        /**
         * @param value the rules to run, in order; by default the shipped ones
         * @return this builder
         */
        public Builder rules(List<TopicRule> value) {
            this.rules = List.copyOf(Objects.requireNonNull(value, "rules"));
            return this;
        }

        /**
         * @param value what {@code newuuid()} returns (and the error documents' trace ids), e.g. a fixed sequence
         *     in tests; random by default
         * @return this builder
         */
        public Builder uuids(Supplier<UUID> value) {
            this.uuids = Objects.requireNonNull(value, "uuids");
            return this;
        }

        /**
         * @param value how many updates may wait for processing, at least 1; {@value #DEFAULT_QUEUE_CAPACITY} by
         *     default
         * @return this builder
         */
        public Builder queueCapacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, got " + value);
            }
            this.queueCapacity = value;
            return this;
        }

        /** @param value where the once-per-cause warnings go (a test collects them); SLF4J by default */
        Builder warnings(Consumer<String> value) {
            this.warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        /**
         * @return the runner, its worker thread started on the first update
         * @throws io.sysmon.examples.store.DataDirectoryException when the data directory cannot be used
         */
        public LocalRuleRunner build() {
            if (rules == null) {
                rules = ShippedRules.load();
            }
            return new LocalRuleRunner(this, checked != null ? checked.path() : DataDirectory.prepare(dataDir));
        }
    }
}
