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

    /**
     * The failure of a request that could not be carried out, e.g. a file the local stand-in for its service
     * could not write: named and placed as AWS names and places the request's action in an error document.
     *
     * @param request the request that failed
     * @param errorMessage why it failed
     * @return its failure
     */
    public static ActionFailure of(ActionRequest request, String errorMessage) {
        String resource;
        if (request instanceof TimestreamWrite w) {
            resource = w.databaseName() + "/" + w.tableName();
        } else if (request instanceof S3PutObject p) {
            resource = p.bucketName();
        } else if (request instanceof InfluxDbWrite p) {
            resource = p.databaseName() + "/" + p.measurement();
        } else if (request instanceof SnsPublish p) {
            resource = p.targetArn();
        } else if (request instanceof CloudWatchLogsPut p) {
            resource = p.logGroupName();
        } else if (request instanceof ActionFailure f) {
            resource = f.failedResource();
        } else {
            resource = request.action();
        }
        return Actions.failure(request.action(), resource, errorMessage);
    }

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
