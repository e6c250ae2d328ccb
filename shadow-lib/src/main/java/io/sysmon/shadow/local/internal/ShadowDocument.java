package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of a shadow: its two sections, its version, and what follows from them (the delta and the stored
 * document's JSON), computed once when the version is created.
 *
 * <p>Immutable, so readers need no lock: a shadow's current version is swapped atomically by its writer.
 */
final class ShadowDocument {

    private final Section desired;
    private final Section reported;
    private final long version;
    private final ObjectNode delta;
    private final ObjectNode deltaMetadata;
    private final String json;

    ShadowDocument(Section desired, Section reported, long version) {
        this.desired = desired;
        this.reported = reported;
        this.version = version;
        this.delta = StateMerge.delta(desired.state(), reported.state());
        this.deltaMetadata = delta == null ? null : StateMerge.deltaMetadata(delta, desired.metadata());
        this.json = Json.string(toTree());
    }

    Section desired() {
        return desired;
    }

    Section reported() {
        return reported;
    }

    long version() {
        return version;
    }

    /** The desired attributes the device has not reported yet; {@code null} if there are none. */
    ObjectNode delta() {
        return delta;
    }

    /** The desired metadata of {@link #delta()}; {@code null} when there is no delta. */
    ObjectNode deltaMetadata() {
        return deltaMetadata;
    }

    /** The document as AWS stores it and sends on {@code /update/documents}: state, metadata and version. */
    String json() {
        return json;
    }

    /** {@code {"desired":..,"reported":..}} (absent sections left out), optionally with the delta. */
    ObjectNode stateTree(boolean withDelta) {
        ObjectNode state = Json.object();
        if (!desired.isAbsent()) {
            state.set("desired", desired.state());
        }
        if (!reported.isAbsent()) {
            state.set("reported", reported.state());
        }
        if (withDelta && delta != null) {
            state.set("delta", delta);
        }
        return state;
    }

    ObjectNode metadataTree() {
        ObjectNode metadata = Json.object();
        if (!desired.isAbsent()) {
            metadata.set("desired", desired.metadata());
        }
        if (!reported.isAbsent()) {
            metadata.set("reported", reported.metadata());
        }
        return metadata;
    }

    private ObjectNode toTree() {
        ObjectNode document = Json.object();
        document.set("state", stateTree(false));
        document.set("metadata", metadataTree());
        document.put("version", version);
        return document;
    }
}
