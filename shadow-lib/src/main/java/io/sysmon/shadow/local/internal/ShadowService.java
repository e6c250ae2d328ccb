package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.sysmon.shadow.local.AcceptedUpdate;
import io.sysmon.shadow.local.AcceptedUpdateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.sysmon.shadow.local.internal.RequestRejectedException.CONFLICT;
import static io.sysmon.shadow.local.internal.RequestRejectedException.NOT_FOUND;
import static io.sysmon.shadow.local.internal.RequestRejectedException.PAYLOAD_TOO_LARGE;

/**
 * The AWS IoT Device Shadow service, minus the MQTT: request topics and payloads in, the messages AWS would publish
 * in response out. The local endpoint feeds it every publish it intercepts and publishes what it returns.
 *
 * <p>Semantics follow AWS's developer guide (Device Shadow MQTT topics, documents, data flow and error messages):
 * <ul>
 *   <li>{@code update} merges {@code desired} and {@code reported} separately ({@code null} removes an attribute
 *       or a whole section; objects merge recursively; arrays and scalars are replaced), bumps the version by one,
 *       and answers on {@code update/accepted}, then {@code update/delta} whenever the resulting desired state
 *       differs from the reported one, then {@code update/documents}.</li>
 *   <li>{@code get} answers on {@code get/accepted} with the whole document and its delta, or 404.</li>
 *   <li>{@code delete} removes the shadow and answers with its last version, or 404. The version is remembered
 *       for 48 hours, as AWS does: a shadow re-created within them continues from it.</li>
 *   <li>Invalid requests are answered on {@code .../rejected} with AWS's codes and messages and change nothing.</li>
 * </ul>
 *
 * <p>Thread-safe. Requests for different shadows run in parallel; requests for one shadow are serialised by a lock
 * of that shadow's own. Reads ({@code get}, {@link #document}) take no lock.
 *
 * <p>Usage: {@code Result r = service.handle(topic, payload, clientId); r.messages().forEach(m -> publish(m));}
 */
public final class ShadowService {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowService.class);

    /** How long AWS remembers a deleted shadow's version. */
    static final Duration DELETED_VERSION_RETENTION = Duration.ofHours(48);

    private final Clock clock;
    private final ShadowLimits limits;
    private final ConcurrentHashMap<ShadowKey, Slot> slots = new ConcurrentHashMap<>();
    private final List<AcceptedUpdateListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * A service with AWS's limits.
     *
     * @param clock the source of every timestamp the service writes (epoch seconds)
     */
    public ShadowService(Clock clock) {
        this(clock, ShadowLimits.AWS_DEFAULTS);
    }

    /**
     * A service with the given limits.
     *
     * @param clock  the source of every timestamp the service writes (epoch seconds)
     * @param limits the state size and nesting limits to enforce
     */
    public ShadowService(Clock clock, ShadowLimits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Handles one publish.
     *
     * @param topic    the topic it was published to
     * @param payload  its payload, as published
     * @param clientId the MQTT client ID of the publisher (passed on to listeners)
     * @return the messages to publish in response, in order; {@link Result#isShadowRequest()} is false (and there
     *         are no messages) when {@code topic} is not a shadow request topic, including the service's own
     *         response topics such as {@code .../update/accepted}
     */
    public Result handle(String topic, byte[] payload, String clientId) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(clientId, "clientId");
        Optional<ShadowTopic> request = ShadowTopic.parse(topic);
        if (request.isEmpty()) {
            return Result.NOT_A_SHADOW_REQUEST;
        }
        ShadowTopic shadowTopic = request.get();
        return switch (shadowTopic.operation()) {
            case UPDATE -> update(shadowTopic, payload, clientId);
            case GET -> get(shadowTopic, payload);
            case DELETE -> delete(shadowTopic, payload);
        };
    }

    /**
     * Registers a listener for accepted updates (not gets, deletes or rejected requests). See
     * {@link AcceptedUpdateListener} for the threading contract.
     *
     * @param listener the listener
     */
    public void addListener(AcceptedUpdateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Unregisters a listener added with {@link #addListener}.
     *
     * @param listener the listener
     */
    public void removeListener(AcceptedUpdateListener listener) {
        listeners.remove(listener);
    }

    /**
     * The current document of a shadow.
     *
     * @param thingName  the thing
     * @param shadowName the named shadow, or empty for the classic shadow
     * @return {@code {"state":{..},"metadata":{..},"version":N}}, or empty if the shadow does not exist
     * @throws IllegalArgumentException if a name breaks AWS IoT's naming rules
     */
    public Optional<String> document(String thingName, Optional<String> shadowName) {
        Slot slot = slots.get(new ShadowKey(thingName, shadowName));
        ShadowDocument current = slot == null ? null : slot.current;
        return current == null ? Optional.empty() : Optional.of(current.json());
    }

    /**
     * Every existing shadow's document, for persisting shadows across restarts. Each document is consistent;
     * shadows updated during the export may appear in their state before or after that update.
     *
     * @return shadow to {@code {"state":{..},"metadata":{..},"version":N}}
     */
    public Map<ShadowKey, String> exportDocuments() {
        Map<ShadowKey, String> documents = new HashMap<>();
        slots.forEach((key, slot) -> {
            ShadowDocument current = slot.current;
            if (current != null) {
                documents.put(key, current.json());
            }
        });
        return Map.copyOf(documents);
    }

    /**
     * Restores shadows from documents in the form {@link #exportDocuments()} produces, replacing any existing
     * shadow with the same key. Missing metadata is recreated with the current time. Either every document is
     * imported or none is.
     *
     * @param documents shadow to {@code {"state":{..},"metadata":{..},"version":N}}
     * @throws IllegalArgumentException listing every document that cannot be imported, and why
     */
    public void importDocuments(Map<ShadowKey, String> documents) {
        ObjectNode leaf = metadataLeaf(clock.instant());
        Map<ShadowKey, ShadowDocument> parsed = new HashMap<>();
        List<String> problems = new ArrayList<>();
        documents.forEach((key, json) -> {
            try {
                parsed.put(key, parseStoredDocument(json, leaf));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot import shadow documents, nothing was imported: "
                    + String.join("; ", problems));
        }
        parsed.forEach((key, document) -> {
            Slot slot = slots.computeIfAbsent(key, k -> new Slot());
            synchronized (slot) {
                slot.current = document;
            }
        });
    }

    private Result update(ShadowTopic topic, byte[] payload, String clientId) {
        UpdateRequest request;
        try {
            request = UpdateRequest.parse(payload, limits.maxNestingDepth());
        } catch (RequestRejectedException e) {
            return rejected(topic, e, clock.instant());
        }

        Slot slot = slots.computeIfAbsent(topic.key(), k -> new Slot());
        ShadowDocument previous;
        ShadowDocument next;
        Instant now;
        ObjectNode leaf;
        synchronized (slot) {
            // Read the clock under the lock so that timestamps never go backwards across one shadow's versions.
            now = clock.instant();
            previous = slot.current;
            long currentVersion = previous != null ? previous.version() : slot.versionBeforeCreation(now);
            if (request.version().isPresent() && request.version().getAsLong() != currentVersion) {
                return rejected(topic, new RequestRejectedException(CONFLICT, "Version conflict",
                        request.clientToken()), now);
            }
            leaf = metadataLeaf(now);
            Section desired = StateMerge.apply(
                    previous == null ? Section.ABSENT : previous.desired(), request.desired(), leaf);
            Section reported = StateMerge.apply(
                    previous == null ? Section.ABSENT : previous.reported(), request.reported(), leaf);
            if (desired.size() + reported.size() > limits.maxStateBytes()) {
                return rejected(topic, new RequestRejectedException(PAYLOAD_TOO_LARGE,
                        "The payload exceeds the maximum size allowed", request.clientToken()), now);
            }
            next = new ShadowDocument(desired, reported, currentVersion + 1);
            slot.current = next;
        }

        List<Outbound> messages = updateResponses(topic, request, previous, next, leaf, now.getEpochSecond());
        notifyListeners(topic, payload, clientId, next, now);
        return new Result(true, messages);
    }

    /**
     * {@code update/accepted}, then {@code update/delta} if desired and reported differ, then
     * {@code update/documents}: the requester's answer first, the device's instruction next, observers last.
     */
    private static List<Outbound> updateResponses(ShadowTopic topic, UpdateRequest request, ShadowDocument previous,
                                                  ShadowDocument next, ObjectNode leaf, long timestamp) {
        List<Outbound> messages = new ArrayList<>(3);
        ObjectNode accepted = Json.object();
        accepted.set("state", request.state());
        accepted.set("metadata", requestMetadata(request, leaf));
        finish(accepted, next.version(), timestamp, request.clientToken());
        messages.add(new Outbound(topic.acceptedTopic(), Json.bytes(accepted)));

        if (next.delta() != null) {
            ObjectNode delta = Json.object();
            delta.set("state", next.delta());
            delta.set("metadata", next.deltaMetadata());
            finish(delta, next.version(), timestamp, request.clientToken());
            messages.add(new Outbound(topic.deltaTopic(), Json.bytes(delta)));
        }

        ObjectNode documents = Json.object();
        // The stored documents are already serialised; splice them in rather than serialising them again.
        if (previous == null) {
            documents.putNull("previous");
        } else {
            documents.putRawValue("previous", new RawValue(previous.json()));
        }
        documents.putRawValue("current", new RawValue(next.json()));
        documents.put("timestamp", timestamp);
        if (request.clientToken() != null) {
            documents.put("clientToken", request.clientToken());
        }
        messages.add(new Outbound(topic.documentsTopic(), Json.bytes(documents)));

        return List.copyOf(messages);
    }

    private Result get(ShadowTopic topic, byte[] payload) {
        Instant now = clock.instant();
        String clientToken;
        try {
            clientToken = UpdateRequest.lenientClientToken(payload);
        } catch (RequestRejectedException e) {
            return rejected(topic, e, now);
        }
        Slot slot = slots.get(topic.key());
        ShadowDocument current = slot == null ? null : slot.current;
        if (current == null) {
            return rejected(topic, noSuchShadow(topic, clientToken), now);
        }
        ObjectNode accepted = Json.object();
        accepted.set("state", current.stateTree(true));
        accepted.set("metadata", current.metadataTree());
        finish(accepted, current.version(), now.getEpochSecond(), clientToken);
        return new Result(true, List.of(new Outbound(topic.acceptedTopic(), Json.bytes(accepted))));
    }

    private Result delete(ShadowTopic topic, byte[] payload) {
        String clientToken;
        try {
            clientToken = UpdateRequest.lenientClientToken(payload);
        } catch (RequestRejectedException e) {
            return rejected(topic, e, clock.instant());
        }
        Slot slot = slots.get(topic.key());
        if (slot == null) {
            return rejected(topic, noSuchShadow(topic, clientToken), clock.instant());
        }
        Instant now;
        long version;
        synchronized (slot) {
            now = clock.instant();
            ShadowDocument current = slot.current;
            if (current == null) {
                return rejected(topic, noSuchShadow(topic, clientToken), now);
            }
            version = current.version();
            slot.current = null;
            slot.deletedVersion = version;
            slot.deletedAt = now;
        }
        ObjectNode accepted = Json.object();
        finish(accepted, version, now.getEpochSecond(), clientToken);
        return new Result(true, List.of(new Outbound(topic.acceptedTopic(), Json.bytes(accepted))));
    }

    private void notifyListeners(ShadowTopic topic, byte[] payload, String clientId, ShadowDocument document,
                                 Instant now) {
        if (listeners.isEmpty()) {
            return;
        }
        AcceptedUpdate update = new AcceptedUpdate(topic.key().thingName(), topic.key().shadowName(),
                topic.topic(), new String(payload, StandardCharsets.UTF_8), document.json(), document.version(),
                clientId, now);
        for (AcceptedUpdateListener listener : listeners) {
            try {
                listener.onAcceptedUpdate(update);
            } catch (RuntimeException e) {
                LOG.warn("Shadow update listener {} failed on {} version {}; the update stands and other listeners"
                        + " still run. Fix the listener.", listener, topic.topic(), document.version(), e);
            }
        }
    }

    /** The accepted response's metadata: the request's state with a timestamp in place of every value. */
    private static JsonNode requestMetadata(UpdateRequest request, ObjectNode leaf) {
        if (!request.state().isObject()) {
            return leaf;
        }
        ObjectNode metadata = Json.object();
        if (request.desired() != null) {
            metadata.set("desired", StateMerge.metadataOf(request.desired(), leaf));
        }
        if (request.reported() != null) {
            metadata.set("reported", StateMerge.metadataOf(request.reported(), leaf));
        }
        return metadata;
    }

    private static RequestRejectedException noSuchShadow(ShadowTopic topic, String clientToken) {
        String name = topic.key().shadowName().orElse(topic.key().thingName());
        return new RequestRejectedException(NOT_FOUND, "No shadow exists with name: '" + name + "'", clientToken);
    }

    private static Result rejected(ShadowTopic topic, RequestRejectedException rejection, Instant now) {
        LOG.debug("Rejected {}: {} {}", topic.topic(), rejection.code(), rejection.getMessage());
        ObjectNode error = Json.object();
        error.put("code", rejection.code());
        error.put("message", rejection.getMessage());
        error.put("timestamp", now.getEpochSecond());
        if (rejection.clientToken() != null) {
            error.put("clientToken", rejection.clientToken());
        }
        return new Result(true, List.of(new Outbound(topic.rejectedTopic(), Json.bytes(error))));
    }

    private static void finish(ObjectNode response, long version, long timestamp, String clientToken) {
        response.put("version", version);
        response.put("timestamp", timestamp);
        if (clientToken != null) {
            response.put("clientToken", clientToken);
        }
    }

    private static ObjectNode metadataLeaf(Instant now) {
        ObjectNode leaf = Json.object();
        leaf.put("timestamp", now.getEpochSecond());
        return leaf;
    }

    private static ShadowDocument parseStoredDocument(String json, ObjectNode leaf) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.longValue() < 0) {
            throw new IllegalArgumentException("\"version\" must be a non-negative integer");
        }
        JsonNode state = root.get("state");
        if (state == null || !state.isObject()) {
            throw new IllegalArgumentException("\"state\" must be an object");
        }
        JsonNode metadata = root.path("metadata");
        return new ShadowDocument(storedSection(state, metadata, "desired", leaf),
                storedSection(state, metadata, "reported", leaf), version.longValue());
    }

    private static Section storedSection(JsonNode state, JsonNode metadata, String name, ObjectNode leaf) {
        JsonNode section = state.get(name);
        if (section == null || section.isNull()) {
            return Section.ABSENT;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("\"state." + name + "\" must be an object");
        }
        if (section.isEmpty()) {
            return Section.ABSENT;
        }
        JsonNode sectionMetadata = metadata.get(name);
        ObjectNode objectMetadata = sectionMetadata instanceof ObjectNode
                ? (ObjectNode) sectionMetadata
                : (ObjectNode) StateMerge.metadataOf(section, leaf);
        return new Section((ObjectNode) section, objectMetadata, Json.compactSize(section));
    }

    /** One shadow's lock and state; the slot outlives a delete so that the version can continue. */
    private static final class Slot {
        /** Written only under the slot's lock; read without it. */
        private volatile ShadowDocument current;
        /** Guarded by the slot's lock. */
        private long deletedVersion;
        /** Guarded by the slot's lock; {@code null} if never deleted. */
        private Instant deletedAt;

        /** The version a shadow that does not exist now "has": its deleted predecessor's, for 48 hours. */
        long versionBeforeCreation(Instant now) {
            if (deletedAt == null || now.isAfter(deletedAt.plus(DELETED_VERSION_RETENTION))) {
                return 0;
            }
            return deletedVersion;
        }
    }

    /** What {@link #handle} returns: whether the topic was a shadow request, and the messages to publish. */
    public static final class Result {

        static final Result NOT_A_SHADOW_REQUEST = new Result(false, List.of());

        private final boolean shadowRequest;
        private final List<Outbound> messages;

        Result(boolean shadowRequest, List<Outbound> messages) {
            this.shadowRequest = shadowRequest;
            this.messages = messages;
        }

        /**
         * Whether the topic was a shadow request topic. The broker should not deliver such a publish to
         * subscribers, only the responses.
         *
         * @return true for {@code .../update}, {@code .../get} and {@code .../delete} of a validly named shadow
         */
        public boolean isShadowRequest() {
            return shadowRequest;
        }

        /**
         * The messages to publish, in order; empty when {@link #isShadowRequest()} is false.
         *
         * @return an immutable list
         */
        public List<Outbound> messages() {
            return messages;
        }

        @Override
        public String toString() {
            return "Result[shadowRequest=" + shadowRequest + ", messages=" + messages + "]";
        }
    }

    /**
     * One message to publish.
     *
     * @param topic   where to publish it, e.g. {@code $aws/things/t1/shadow/update/accepted}
     * @param payload UTF-8 JSON; owned by the caller once returned (the service keeps no reference)
     */
    public record Outbound(String topic, byte[] payload) {

        /**
         * The payload as a string.
         *
         * @return the payload decoded as UTF-8
         */
        public String payloadAsString() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Outbound[" + topic + " " + payloadAsString() + "]";
        }
    }
}
