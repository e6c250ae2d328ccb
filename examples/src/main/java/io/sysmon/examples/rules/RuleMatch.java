package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A rule that fired for a message: its SELECT result and what each of its actions would send.
 *
 * @param rule the rule
 * @param result the SELECT result: usually an object (Undefined attributes left out); for {@code SELECT VALUE}
 *     the value; for {@code SELECT *} of a binary payload a binary node
 * @param actions one request per action, in the rule's order; an {@link ActionFailure} for an action that would
 *     fail
 * @param errorActions the error action's request when an action failed and the rule has one; else empty
 */
public record RuleMatch(TopicRule rule, JsonNode result, List<ActionRequest> actions,
        List<ActionRequest> errorActions) {

    /** @param actions copied; @param errorActions copied */
    public RuleMatch {
        actions = List.copyOf(actions);
        errorActions = List.copyOf(errorActions);
    }

    /**
     * @return the SELECT result as one line of JSON, as the actions send it (empty for an Undefined
     *     {@code SELECT VALUE}; for {@code SELECT *} of a binary payload, its bytes read as UTF-8)
     */
    public String resultJson() {
        return Actions.payloadText(result);
    }

    /** @return whether an action would fail */
    public boolean failed() {
        return actions.stream().anyMatch(a -> a instanceof ActionFailure);
    }
}
