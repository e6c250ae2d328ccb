package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;

import static io.sysmon.shadow.local.internal.RequestRejectedException.BAD_REQUEST;
import static io.sysmon.shadow.local.internal.RequestRejectedException.UNSUPPORTED_MEDIA_TYPE;

/**
 * A validated {@code /update} request. Everything that can be checked without the stored shadow is checked here,
 * before the shadow is locked.
 *
 * @param state       the request's {@code state} as sent (an object, or JSON null to clear both sections)
 * @param desired     {@code null} if absent, JSON null to remove the section, or an object to merge
 * @param reported    likewise
 * @param version     the version the client expects the shadow to have, if it sent one
 * @param clientToken the token to echo, or {@code null}
 */
record UpdateRequest(JsonNode state, JsonNode desired, JsonNode reported, OptionalLong version, String clientToken) {

    static final int MAX_CLIENT_TOKEN_BYTES = 64;

    static final String UNSUPPORTED_ENCODING = "Unsupported documented encoding; supported encoding is UTF-8";
    static final String INVALID_JSON = "Invalid JSON";
    static final String MISSING_STATE = "Missing required node: state";
    static final String STATE_NOT_OBJECT = "State node must be an object";
    static final String DESIRED_NOT_OBJECT = "Desired node must be an object";
    static final String REPORTED_NOT_OBJECT = "Reported node must be an object";
    static final String INVALID_VERSION = "Invalid version";
    static final String INVALID_CLIENT_TOKEN = "Invalid clientToken";
    static final String INVALID_NODE = "State contains an invalid node";

    static String tooDeep(int maxDepth) {
        return "JSON contains too many levels of nesting; maximum is " + maxDepth;
    }

    /**
     * Validates an update payload.
     *
     * @param payload  the bytes as published
     * @param maxDepth deepest allowed nesting, counting the {@code desired}/{@code reported} object as level 1
     * @return the request
     * @throws RequestRejectedException with AWS's code and message for the first problem found
     */
    static UpdateRequest parse(byte[] payload, int maxDepth) throws RequestRejectedException {
        if (!Utf8.isValid(payload)) {
            throw new RequestRejectedException(UNSUPPORTED_MEDIA_TYPE, UNSUPPORTED_ENCODING, null);
        }
        ObjectNode root = parseObject(payload, maxDepth);
        String clientToken = clientToken(root);

        JsonNode state = root.get("state");
        if (state == null) {
            throw new RequestRejectedException(BAD_REQUEST, MISSING_STATE, clientToken);
        }
        JsonNode desired = null;
        JsonNode reported = null;
        if (state.isNull()) {
            // AWS: setting the state to null empties the shadow (without deleting it, so the version goes on).
            desired = state;
            reported = state;
        } else if (!state.isObject()) {
            throw new RequestRejectedException(BAD_REQUEST, STATE_NOT_OBJECT, clientToken);
        } else {
            for (Map.Entry<String, JsonNode> entry : state.properties()) {
                switch (entry.getKey()) {
                    case "desired" -> desired = section(entry.getValue(), DESIRED_NOT_OBJECT, clientToken, maxDepth);
                    case "reported" -> reported = section(entry.getValue(), REPORTED_NOT_OBJECT, clientToken, maxDepth);
                    default -> throw new RequestRejectedException(BAD_REQUEST,
                            INVALID_NODE + ": '" + entry.getKey() + "'", clientToken);
                }
            }
        }
        return new UpdateRequest(state, desired, reported, version(root, clientToken), clientToken);
    }

    /**
     * The client token of a get or delete request, whose payload AWS otherwise ignores: it may be empty, or not
     * JSON at all.
     *
     * @throws RequestRejectedException if the payload has a client token that is not a string of at most 64 bytes
     */
    static String lenientClientToken(byte[] payload) throws RequestRejectedException {
        if (payload.length == 0 || !Utf8.isValid(payload) || startsWithNul(payload)) {
            return null;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        return root instanceof ObjectNode ? clientToken((ObjectNode) root) : null;
    }

    private static ObjectNode parseObject(byte[] payload, int maxDepth) throws RequestRejectedException {
        if (startsWithNul(payload)) {
            // Jackson would take NULs among the first four bytes for UTF-16 or UTF-32 and decode the payload as
            // such; as UTF-8, which is what AWS reads, a NUL outside a string is simply not JSON.
            throw new RequestRejectedException(BAD_REQUEST, INVALID_JSON, null);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(payload);
        } catch (StreamConstraintsException e) {
            // Nested deeper than the parser allows: far deeper than any shadow may be.
            throw new RequestRejectedException(BAD_REQUEST, tooDeep(maxDepth), null);
        } catch (IOException e) {
            throw new RequestRejectedException(BAD_REQUEST, INVALID_JSON, null);
        }
        if (!(root instanceof ObjectNode)) {
            throw new RequestRejectedException(BAD_REQUEST, INVALID_JSON, null);
        }
        return (ObjectNode) root;
    }

    private static boolean startsWithNul(byte[] payload) {
        for (int i = 0; i < Math.min(4, payload.length); i++) {
            if (payload[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static String clientToken(ObjectNode root) throws RequestRejectedException {
        JsonNode token = root.get("clientToken");
        if (token == null) {
            return null;
        }
        if (!token.isTextual() || Utf8.encodedLength(token.textValue()) > MAX_CLIENT_TOKEN_BYTES) {
            throw new RequestRejectedException(BAD_REQUEST, INVALID_CLIENT_TOKEN, null);
        }
        return token.textValue();
    }

    private static OptionalLong version(ObjectNode root, String clientToken) throws RequestRejectedException {
        JsonNode version = root.get("version");
        if (version == null) {
            return OptionalLong.empty();
        }
        if (!version.isIntegralNumber() || !version.canConvertToLong()) {
            throw new RequestRejectedException(BAD_REQUEST, INVALID_VERSION, clientToken);
        }
        return OptionalLong.of(version.longValue());
    }

    private static JsonNode section(JsonNode node, String notObject, String clientToken, int maxDepth)
            throws RequestRejectedException {
        if (node.isNull()) {
            return node;
        }
        if (!node.isObject()) {
            throw new RequestRejectedException(BAD_REQUEST, notObject, clientToken);
        }
        checkNode(node, 1, maxDepth, clientToken);
        return node;
    }

    /** Checks nesting depth (objects and arrays each add a level) and that no array holds a null. */
    private static void checkNode(JsonNode container, int depth, int maxDepth, String clientToken)
            throws RequestRejectedException {
        if (depth > maxDepth) {
            throw new RequestRejectedException(BAD_REQUEST, tooDeep(maxDepth), clientToken);
        }
        boolean isArray = container.isArray();
        for (JsonNode child : container) {
            if (child.isContainerNode()) {
                checkNode(child, depth + 1, maxDepth, clientToken);
            } else if (isArray && child.isNull()) {
                // AWS documents arrays with null elements as rejected; null only means "remove" in objects.
                throw new RequestRejectedException(BAD_REQUEST, INVALID_NODE, clientToken);
            }
        }
    }
}
