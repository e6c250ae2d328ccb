package io.sysmon.shadow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The part of the shadow's {@code desired} state that differs from its {@code reported} state, as the shadow
 * service publishes it on {@code .../update/delta}. The application may apply it (for example a new sampling
 * interval) and report the new values back, which ends the delta.
 *
 * @param version the shadow's version
 * @param timestamp when the service published it
 * @param state the differing desired attributes: values are {@link String}, {@link Number}, {@link Boolean},
 *     {@link java.util.List} or nested {@link Map}; unmodifiable
 */
public record ShadowDelta(long version, Instant timestamp, Map<String, Object> state) {

    /** Checks and copies the components. */
    public ShadowDelta {
        Objects.requireNonNull(timestamp, "timestamp");
        state = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(state));
    }
}
