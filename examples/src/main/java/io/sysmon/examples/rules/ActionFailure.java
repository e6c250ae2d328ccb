package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An action that would fail on AWS for this message, e.g. a Timestream measure named {@code time}, or an
 * InfluxDB point without a {@code timestamp}. On AWS the failure triggers the rule's error action, with an entry
 * like this one in its {@code failures} list.
 *
 * @param action the action's name in the rule file, e.g. {@code timestream}
 * @param failedAction AWS's name for it in an error message, e.g. {@code TimestreamAction}
 * @param failedResource what it writes to, e.g. {@code aws_iot_demo/aws_iot_demo}
 * @param errorMessage why it fails
 */
public record ActionFailure(String action, String failedAction, String failedResource, String errorMessage)
        implements ActionRequest {

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action);
        o.put("failedAction", failedAction);
        o.put("failedResource", failedResource);
        o.put("errorMessage", errorMessage);
        return o;
    }
}
