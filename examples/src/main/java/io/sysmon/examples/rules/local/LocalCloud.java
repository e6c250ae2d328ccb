package io.sysmon.examples.rules.local;

import io.sysmon.examples.alerts.AlertNotifier;
import io.sysmon.examples.store.DataDirectory;
import io.sysmon.examples.store.TimeSeriesStore;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cloud side of the local stack in one object: the time-series store, the alert notifier and the rule runner
 * that feeds them, all in one data directory. What a command that runs the local endpoint opens, hands to the
 * endpoint and to a dashboard, and closes.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.open(Path.of(System.getProperty("user.home"), ".sysmon", "local"),
 *         Optional.empty());
 *      LocalIotEndpoint endpoint = LocalIotEndpoint.builder().build()) {
 *     cloud.attachTo(endpoint);
 *     endpoint.start();
 *     ... cloud.store().series(...), cloud.alerts().alerts(...)
 * }
 * }</pre>
 *
 * <p>Declare it before the endpoint in try-with-resources, so the endpoint stops first and the runner then
 * finishes what is queued.
 */
public final class LocalCloud implements AutoCloseable {

    private final Path dataDir;
    private final TimeSeriesStore store;
    private final AlertNotifier alerts;
    private final LocalRuleRunner runner;

    private LocalCloud(Path dataDir, TimeSeriesStore store, AlertNotifier alerts, LocalRuleRunner runner) {
        this.dataDir = dataDir;
        this.store = store;
        this.alerts = alerts;
        this.runner = runner;
    }

    /**
     * Opens the store and the notifier in {@code dataDir} (loading what earlier runs left there) and a runner of
     * the shipped rules.
     *
     * @param dataDir the data directory, created when missing
     * @param webhook where alerts are POSTed as JSON, or empty; check it first with
     *     {@link AlertNotifier#webhookUri(String)}
     * @return the local cloud
     * @throws io.sysmon.examples.store.DataDirectoryException when the directory cannot be created or written; its
     *     message is one line naming it
     * @throws IllegalArgumentException when the webhook is not an http or https URL
     */
    public static LocalCloud open(Path dataDir, Optional<URI> webhook) {
        Objects.requireNonNull(webhook, "webhook");
        DataDirectory dir = DataDirectory.checked(Objects.requireNonNull(dataDir, "dataDir"));
        TimeSeriesStore store = TimeSeriesStore.open(dir.path());
        AlertNotifier alerts = null;
        try {
            alerts = AlertNotifier.open(dir, webhook);
            LocalRuleRunner runner = LocalRuleRunner.builder(dir, store, alerts).build();
            return new LocalCloud(dir.path(), store, alerts, runner);
        } catch (RuntimeException e) {
            if (alerts != null) {
                alerts.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * Makes the endpoint hand every accepted shadow update to the runner.
     *
     * @param endpoint the local endpoint, started or not
     */
    public void attachTo(LocalIotEndpoint endpoint) {
        endpoint.addAcceptedUpdateListener(runner);
    }

    /** @return the data directory, absolute */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the time-series store (the dashboard's {@link io.sysmon.examples.store.MetricsQuery}) */
    public TimeSeriesStore store() {
        return store;
    }

    /** @return the alert notifier (the dashboard's {@link io.sysmon.examples.alerts.AlertLog}) */
    public AlertNotifier alerts() {
        return alerts;
    }

    /** @return the rule runner */
    public LocalRuleRunner runner() {
        return runner;
    }

    /**
     * @return where the outputs go, one line each, e.g.
     *     {@code Timestream records: /home/me/.sysmon/local/timestream/ (one .jsonl file per day)}
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Timestream records: " + store.directory() + "/ (one .jsonl file per table and day)");
        lines.add("S3 objects: " + dataDir.resolve(LocalFiles.S3) + "/BUCKET/KEY");
        lines.add("InfluxDB points: " + dataDir.resolve(LocalFiles.INFLUXDB) + "/DATABASE.lp (line protocol)");
        lines.add("SNS alerts: " + alerts.logFile()
                + alerts.webhook().map(uri -> ", and POSTed as JSON to " + uri).orElse(""));
        lines.add("rule errors: " + dataDir.resolve(LocalFiles.LOGS) + "/LOG_GROUP.log");
        return lines;
    }

    /** Closes the runner (finishing what is queued), then the notifier and the store. Idempotent. */
    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            try {
                alerts.close();
            } finally {
                store.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalCloud{" + dataDir + "}";
    }
}
