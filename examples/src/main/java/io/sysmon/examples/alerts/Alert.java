package io.sysmon.examples.alerts;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert: a device crossed a threshold of an alert rule, and maybe recovered.
 *
 * @param device the device id
 * @param rule the alert rule's name, e.g. {@code shadow-alerts-to-sns}
 * @param message the rule's readable message when it fired, e.g. {@code my_iot_device_2: cpu_temp 88.3 °C > 80 °C}
 * @param firedAt when the threshold was first crossed
 * @param resolvedAt when the device's values were back within the thresholds; empty while the alert fires
 */
public record Alert(String device, String rule, String message, Instant firedAt, Optional<Instant> resolvedAt) {

    /** Checks the components. */
    public Alert {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(firedAt, "firedAt");
        Objects.requireNonNull(resolvedAt, "resolvedAt");
    }

    /** @return whether the alert is still firing */
    public boolean firing() {
        return resolvedAt.isEmpty();
    }
}
