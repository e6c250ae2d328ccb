package io.sysmon.shadow.local.internal;

import io.sysmon.shadow.AwsIotNames;
import java.util.Optional;

/**
 * A Device Shadow request topic, split into its parts.
 *
 * @param topic     the topic as published, e.g. {@code $aws/things/t1/shadow/name/config/update}
 * @param key       the shadow it addresses
 * @param operation what the client asks for
 */
record ShadowTopic(String topic, ShadowKey key, Operation operation) {

    /** The three requests a client can publish; every other topic under a shadow is one the service publishes. */
    enum Operation {
        UPDATE("update"), GET("get"), DELETE("delete");

        private final String segment;

        Operation(String segment) {
            this.segment = segment;
        }

        private static Operation fromSegment(String topic, int from) {
            for (Operation op : values()) {
                if (topic.length() - from == op.segment.length() && topic.startsWith(op.segment, from)) {
                    return op;
                }
            }
            return null;
        }
    }

    private static final String THINGS_PREFIX = "$aws/things/";
    private static final String SHADOW_SEGMENT = "shadow/";
    private static final String NAME_SEGMENT = "name/";

    /**
     * Parses a request topic by hand: this runs for every publish the broker sees, most of which are not shadow
     * requests at all.
     *
     * @param topic any topic
     * @return the request, or empty if {@code topic} is not a shadow request topic (including the service's own
     *         response topics such as {@code .../update/accepted}, and names that break AWS IoT's rules)
     */
    static Optional<ShadowTopic> parse(String topic) {
        if (!topic.startsWith(THINGS_PREFIX)) {
            return Optional.empty();
        }
        int thingStart = THINGS_PREFIX.length();
        int thingEnd = topic.indexOf('/', thingStart);
        if (thingEnd < 0 || !Names.isValid(topic, thingStart, thingEnd, AwsIotNames.MAX_THING_NAME_LENGTH)) {
            return Optional.empty();
        }
        int rest = thingEnd + 1;
        if (!topic.startsWith(SHADOW_SEGMENT, rest)) {
            return Optional.empty();
        }
        rest += SHADOW_SEGMENT.length();
        String thingName = topic.substring(thingStart, thingEnd);

        Optional<String> shadowName = Optional.empty();
        if (topic.startsWith(NAME_SEGMENT, rest)) {
            int shadowStart = rest + NAME_SEGMENT.length();
            int shadowEnd = topic.indexOf('/', shadowStart);
            if (shadowEnd < 0 || !Names.isValid(topic, shadowStart, shadowEnd, AwsIotNames.MAX_SHADOW_NAME_LENGTH)) {
                return Optional.empty();
            }
            shadowName = Optional.of(topic.substring(shadowStart, shadowEnd));
            rest = shadowEnd + 1;
        }
        Operation operation = Operation.fromSegment(topic, rest);
        if (operation == null) {
            return Optional.empty();
        }
        return Optional.of(new ShadowTopic(topic, new ShadowKey(thingName, shadowName), operation));
    }

    String acceptedTopic() {
        return topic + "/accepted";
    }

    String rejectedTopic() {
        return topic + "/rejected";
    }

    String documentsTopic() {
        return topic + "/documents";
    }

    String deltaTopic() {
        return topic + "/delta";
    }
}
