package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The notification an {@code sns} action publishes for one message.
 *
 * @param targetArn the topic or endpoint
 * @param messageFormat {@code RAW} (the default) or {@code JSON}
 * @param message the SELECT result as JSON
 */
public record SnsPublish(String targetArn, String messageFormat, String message) implements ActionRequest {

    @Override
    public String action() {
        return "sns";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action());
        o.put("targetArn", targetArn);
        o.put("messageFormat", messageFormat);
        o.put("message", message);
        return o;
    }
}
