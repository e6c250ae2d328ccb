package io.sysmon.shadow;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A shadow as {@code get} returns it.
 *
 * @param version the shadow's version
 * @param timestamp when the service answered
 * @param desired the desired state; empty when there is none; unmodifiable
 * @param reported the reported state; empty when there is none; unmodifiable
 * @param delta desired attributes that differ from reported; empty when in sync; unmodifiable
 */
public record ShadowDocument(long version, Instant timestamp, Map<String, Object> desired,
        Map<String, Object> reported, Map<String, Object> delta) {

    /** Checks and copies the components. */
    public ShadowDocument {
        Objects.requireNonNull(timestamp, "timestamp");
        desired = Collections.unmodifiableMap(new LinkedHashMap<>(desired));
        reported = Collections.unmodifiableMap(new LinkedHashMap<>(reported));
        delta = Collections.unmodifiableMap(new LinkedHashMap<>(delta));
    }
}
