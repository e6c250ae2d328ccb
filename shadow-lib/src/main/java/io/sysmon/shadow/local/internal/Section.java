package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One section of a shadow's state ({@code desired} or {@code reported}) with its metadata.
 *
 * <p>Immutable by convention: the trees are shared between successive versions of a shadow (updates copy only the
 * path they change), so nothing may modify a node once a {@code Section} holds it.
 *
 * @param state    the section's attributes; {@code null} when the section is absent
 * @param metadata mirrors {@code state}, with {@code {"timestamp":<epoch s>}} in place of each value; {@code null}
 *                 when the section is absent
 * @param size     bytes of the compact JSON of {@code state}; 0 when absent. Counts against the state size limit.
 */
record Section(ObjectNode state, ObjectNode metadata, int size) {

    static final Section ABSENT = new Section(null, null, 0);

    boolean isAbsent() {
        return state == null;
    }
}
