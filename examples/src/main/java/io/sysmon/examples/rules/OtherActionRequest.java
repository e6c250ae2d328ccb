package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An action this engine has no specific renderer for ({@code republish}, {@code lambda}, {@code http}...): its
 * parameters with every substitution template evaluated, and the payload it would send.
 *
 * @param action the action's name in the rule file
 * @param parameters its parameters, templates substituted ({@code roleArn} and other plain values unchanged)
 * @param payload the SELECT result as JSON
 */
public record OtherActionRequest(String action, JsonNode parameters, String payload) implements ActionRequest {

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action);
        o.set("parameters", parameters.deepCopy());
        o.put("payload", payload);
        return o;
    }
}
