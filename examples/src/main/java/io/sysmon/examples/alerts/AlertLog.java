package io.sysmon.examples.alerts;

import java.time.Instant;
import java.util.List;

/** The alerts so far, as dashboards show them. Thread-safe. */
public interface AlertLog {

    /**
     * @param since the oldest firing time of interest
     * @return alerts still firing (whenever they fired) and alerts that fired or resolved since {@code since},
     *     newest first
     */
    List<Alert> alerts(Instant since);
}
