package io.sysmon.examples.dashboard;

import io.sysmon.examples.alerts.Alert;
import io.sysmon.examples.alerts.AlertLog;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small in-memory {@link AlertLog} for the dashboard's tests. Thread-safe. */
final class InMemoryAlerts implements AlertLog {

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    /** The last {@code since} asked for, so tests can check the window. */
    volatile Instant lastSince;

    InMemoryAlerts add(Alert alert) {
        alerts.add(alert);
        return this;
    }

    @Override
    public List<Alert> alerts(Instant since) {
        lastSince = since;
        return alerts.stream()
                .filter(a -> a.firing() || !a.firedAt().isBefore(since) || !a.resolvedAt().get().isBefore(since))
                .sorted(Comparator.comparing(Alert::firedAt).reversed())
                .toList();
    }
}
