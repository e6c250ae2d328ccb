package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The log event a {@code cloudwatchLogs} action writes for one message.
 *
 * @param logGroupName the log group
 * @param message the SELECT result as JSON (for an error action: AWS's error message document)
 */
public record CloudWatchLogsPut(String logGroupName, String message) implements ActionRequest {

    @Override
    public String action() {
        return "cloudwatchLogs";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action());
        o.put("logGroupName", logGroupName);
        o.put("message", message);
        return o;
    }
}
