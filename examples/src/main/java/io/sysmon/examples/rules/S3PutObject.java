package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The object an {@code s3} action puts for one message.
 *
 * @param bucketName the bucket
 * @param key the object key, templates substituted
 * @param body the object's content: the SELECT result as JSON
 * @param cannedAcl the canned ACL, or null for the bucket's default
 */
public record S3PutObject(String bucketName, String key, String body, String cannedAcl) implements ActionRequest {

    @Override
    public String action() {
        return "s3";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action());
        o.put("bucketName", bucketName);
        o.put("key", key);
        if (cannedAcl != null) {
            o.put("cannedAcl", cannedAcl);
        }
        o.put("body", body);
        return o;
    }
}
