package io.sysmon.shadow.local;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One shadow update that the local Device Shadow service accepted, as seen by an {@link AcceptedUpdateListener}.
 *
 * <p>Only updates are reported (not get or delete requests), and only accepted ones: a request that was answered on
 * {@code .../update/rejected} never produces an {@code AcceptedUpdate}.
 *
 * @param thingName  the thing whose shadow was updated, e.g. {@code my_iot_device_1}
 * @param shadowName the named shadow that was updated; empty for the classic (unnamed) shadow
 * @param topic      the request topic the client published to, e.g. {@code $aws/things/my_iot_device_1/shadow/update};
 *                   the rules engine evaluates {@code topic(n)} against it
 * @param request    the request payload exactly as published (always valid UTF-8 JSON, since it was accepted); the
 *                   rules engine runs its SQL on this original message, not on the merged document
 * @param current    the shadow document after the update, as JSON:
 *                   {@code {"state":{"desired":{..},"reported":{..}},"metadata":{..},"version":N}}; sections that
 *                   are empty are absent
 * @param version    the shadow's version after the update (the {@code version} in {@code current})
 * @param clientId   the MQTT client ID of the publisher
 * @param timestamp  when the service applied the update; its epoch seconds are the {@code timestamp} of the
 *                   update's response messages and metadata
 */
public record AcceptedUpdate(
        String thingName,
        Optional<String> shadowName,
        String topic,
        String request,
        String current,
        long version,
        String clientId,
        Instant timestamp) {

    /**
     * Checks that no component is {@code null}.
     *
     * @throws NullPointerException naming the missing component
     */
    public AcceptedUpdate {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(shadowName, "shadowName");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
