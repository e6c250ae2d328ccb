package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * The Device Shadow service's tree algebra: applying a request to a section, mirroring values as metadata, and
 * computing the delta between {@code desired} and {@code reported}.
 *
 * <p>Nothing here modifies a node it was given. Merging copies only the objects on the paths a request touches and
 * shares every other subtree with the previous version, so an update costs in proportion to the request, not to the
 * stored document.
 */
final class StateMerge {

    private StateMerge() {
    }

    /**
     * Applies one section of an update request.
     *
     * @param current the section now
     * @param patch   the request's {@code desired} or {@code reported}: {@code null} if the request has none (no
     *                change), a JSON null (remove the section) or an object (merge)
     * @param leaf    the metadata leaf for this update, {@code {"timestamp":<epoch s>}}
     * @return the section after the update
     */
    static Section apply(Section current, JsonNode patch, ObjectNode leaf) {
        if (patch == null) {
            return current;
        }
        if (!patch.isObject()) {
            return Section.ABSENT;
        }
        ObjectNode state = copyOf(current.state());
        ObjectNode metadata = copyOf(current.metadata());
        if (!merge(state, metadata, (ObjectNode) patch, leaf)) {
            return Section.ABSENT;
        }
        return new Section(state, metadata, Json.compactSize(state));
    }

    /**
     * Merges {@code patch} into {@code state} (and {@code metadata}), both fresh copies owned by the caller.
     *
     * @return whether {@code state} still has any attribute: empty objects are pruned, as AWS does
     */
    private static boolean merge(ObjectNode state, ObjectNode metadata, ObjectNode patch, ObjectNode leaf) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                state.remove(name);
                metadata.remove(name);
            } else if (value.isObject()) {
                JsonNode oldValue = state.get(name);
                JsonNode oldMetadata = metadata.get(name);
                // Only an object's metadata can be merged into; a scalar's or array's is replaced with the value.
                boolean wasObject = oldValue instanceof ObjectNode;
                ObjectNode childState = copyOf(wasObject ? (ObjectNode) oldValue : null);
                ObjectNode childMetadata = copyOf(wasObject && oldMetadata instanceof ObjectNode
                        ? (ObjectNode) oldMetadata : null);
                if (merge(childState, childMetadata, (ObjectNode) value, leaf)) {
                    state.set(name, childState);
                    metadata.set(name, childMetadata);
                } else {
                    state.remove(name);
                    metadata.remove(name);
                }
            } else {
                state.set(name, value);
                metadata.set(name, metadataOf(value, leaf));
            }
        }
        return !state.isEmpty();
    }

    /**
     * The metadata mirror of a request value: objects map field by field, arrays element by element, and every
     * other value (JSON null included: removing an attribute is a change too) becomes {@code leaf}.
     */
    static JsonNode metadataOf(JsonNode value, ObjectNode leaf) {
        if (value.isObject()) {
            ObjectNode result = Json.object();
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                result.set(entry.getKey(), metadataOf(entry.getValue(), leaf));
            }
            return result;
        }
        if (value.isArray()) {
            ArrayNode result = Json.NODES.arrayNode(value.size());
            for (JsonNode element : value) {
                result.add(metadataOf(element, leaf));
            }
            return result;
        }
        return leaf;
    }

    /**
     * The delta between desired and reported: every desired attribute that reported lacks or holds a different
     * value for. Objects are compared attribute by attribute, so the delta keeps the path from the root to each
     * differing value; arrays and scalars are compared whole, numbers by value.
     *
     * @return the delta, or {@code null} if there is none
     */
    static ObjectNode delta(ObjectNode desired, ObjectNode reported) {
        if (desired == null) {
            return null;
        }
        if (reported == null) {
            return desired;
        }
        ObjectNode delta = null;
        for (Map.Entry<String, JsonNode> entry : desired.properties()) {
            String name = entry.getKey();
            JsonNode want = entry.getValue();
            JsonNode have = reported.get(name);
            JsonNode difference;
            if (have == null) {
                difference = want;
            } else if (want.isObject() && have.isObject()) {
                difference = delta((ObjectNode) want, (ObjectNode) have);
            } else {
                difference = Json.sameValue(want, have) ? null : want;
            }
            if (difference != null) {
                if (delta == null) {
                    delta = Json.object();
                }
                delta.set(name, difference);
            }
        }
        return delta;
    }

    /**
     * The metadata of a delta: the desired metadata of each value in it, which is what AWS sends on
     * {@code /update/delta}.
     */
    static ObjectNode deltaMetadata(ObjectNode delta, ObjectNode desiredMetadata) {
        ObjectNode result = Json.object();
        if (desiredMetadata == null) {
            return result;
        }
        for (Map.Entry<String, JsonNode> entry : delta.properties()) {
            JsonNode metadata = desiredMetadata.get(entry.getKey());
            if (metadata == null) {
                continue;
            }
            if (entry.getValue().isObject() && metadata.isObject()) {
                result.set(entry.getKey(), deltaMetadata((ObjectNode) entry.getValue(), (ObjectNode) metadata));
            } else {
                result.set(entry.getKey(), metadata);
            }
        }
        return result;
    }

    private static ObjectNode copyOf(ObjectNode node) {
        ObjectNode copy = Json.object();
        if (node != null) {
            copy.setAll(node);
        }
        return copy;
    }
}
