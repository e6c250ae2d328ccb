package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One action of a topic rule, as its rule file gives it (e.g. {@code {"timestream": {...}}}), checked and with
 * its substitution templates compiled. Immutable and thread-safe.
 */
public final class RuleAction {

    /** Renders one message's request; package-private implementations live in {@link Actions}. */
    interface Renderer {
        /**
         * @param c the message's context, positioned on the rule (templates read the original message)
         * @param payload the SELECT result (or, for an error action, AWS's error message document)
         * @return the request, or an {@link ActionFailure}
         */
        ActionRequest render(EvalContext c, JsonNode payload);
    }

    private final String type;
    private final JsonNode parameters;
    private final Renderer renderer;

    RuleAction(String type, JsonNode parameters, Renderer renderer) {
        this.type = type;
        this.parameters = parameters;
        this.renderer = renderer;
    }

    /** @return the action's name in the rule file, e.g. {@code timestream}, {@code s3}, {@code republish} */
    public String type() {
        return type;
    }

    /** @return a copy of the action's parameters as the rule file gives them */
    public JsonNode parameters() {
        return parameters.deepCopy();
    }

    ActionRequest render(EvalContext c, JsonNode payload) {
        return renderer.render(c, payload);
    }

    @Override
    public String toString() {
        return type + parameters;
    }
}
