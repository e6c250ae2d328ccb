package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What an expression is evaluated against: one message, and the rule being evaluated (its SQL version and its
 * SET variables). One context serves every rule evaluated for a message; the rule's fields are reset per rule.
 * Not thread-safe: one per evaluation.
 */
final class EvalContext {

    final Message message;
    final JsonNode root;
    final long nowMillis;
    final Supplier<UUID> uuids;
    SqlVersion version = SqlVersion.V2015_10_08;
    boolean v2;
    JsonNode[] vars = NO_VARS;

    // The last path prefix resolved (e.g. state.reported), shared by the many paths under it in every rule: its
    // interned key (so a hit costs one reference comparison) and the node it leads to.
    String prefixKey;
    JsonNode prefixNode;

    static final JsonNode[] NO_VARS = new JsonNode[0];

    EvalContext(Message message, Supplier<UUID> uuids) {
        this.message = message;
        this.root = message.payload();
        this.nowMillis = message.receivedAt().toEpochMilli();
        this.uuids = uuids;
    }

    /** Switches to a rule: its SQL version, and fresh storage for its SET variables. */
    void enter(IotSql sql) {
        this.version = sql.version();
        this.v2 = version == SqlVersion.V2016_03_23;
        int n = sql.variableCount();
        this.vars = n == 0 ? NO_VARS : new JsonNode[n];
    }
}
