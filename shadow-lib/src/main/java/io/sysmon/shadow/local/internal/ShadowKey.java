package io.sysmon.shadow.local.internal;

import io.sysmon.shadow.AwsIotNames;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies one shadow: a thing's classic (unnamed) shadow, or one of its named shadows.
 *
 * @param thingName  1–128 characters of {@code [a-zA-Z0-9:_-]}
 * @param shadowName empty for the classic shadow; otherwise 1–64 characters of {@code [a-zA-Z0-9:_-]}
 */
public record ShadowKey(String thingName, Optional<String> shadowName) {

    /**
     * Checks both names against AWS IoT's rules.
     *
     * @throws IllegalArgumentException naming the invalid name and the rule it breaks
     */
    public ShadowKey {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(shadowName, "shadowName");
        AwsIotNames.requireThingName(thingName);
        shadowName.ifPresent(AwsIotNames::requireShadowName);
    }

    /**
     * The inverse of {@link #toString()}.
     *
     * @param text {@code <thing>} for a classic shadow, {@code <thing>/<shadow>} for a named one
     * @return the key
     * @throws IllegalArgumentException when a name breaks AWS IoT's rules
     */
    public static ShadowKey parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? classic(text) : named(text.substring(0, slash), text.substring(slash + 1));
    }

    /**
     * The classic (unnamed) shadow of a thing.
     *
     * @param thingName the thing name
     * @return the key
     */
    public static ShadowKey classic(String thingName) {
        return new ShadowKey(thingName, Optional.empty());
    }

    /**
     * A named shadow of a thing.
     *
     * @param thingName  the thing name
     * @param shadowName the shadow name
     * @return the key
     */
    public static ShadowKey named(String thingName, String shadowName) {
        return new ShadowKey(thingName, Optional.of(shadowName));
    }

    /**
     * The topic prefix AWS IoT uses for this shadow.
     *
     * @return {@code $aws/things/<thing>/shadow} or {@code $aws/things/<thing>/shadow/name/<shadow>}
     */
    public String topicPrefix() {
        return shadowName.map(s -> "$aws/things/" + thingName + "/shadow/name/" + s)
                .orElseGet(() -> "$aws/things/" + thingName + "/shadow");
    }

    /** @return {@code <thing>} for a classic shadow, {@code <thing>/<shadow>} for a named one; see {@link #parse} */
    @Override
    public String toString() {
        return shadowName.map(s -> thingName + "/" + s).orElse(thingName);
    }
}
