package io.sysmon.shadow;

import java.time.Instant;
import java.util.Objects;

/**
 * The shadow service accepted an update.
 *
 * @param version the shadow's version after this update
 * @param timestamp when the service accepted it (whole seconds, as AWS reports)
 * @param clientToken the request's client token
 */
public record ShadowAccepted(long version, Instant timestamp, String clientToken) {

    /** Checks the components. */
    public ShadowAccepted {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(clientToken, "clientToken");
    }
}
