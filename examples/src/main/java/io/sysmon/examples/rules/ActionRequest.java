package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one rule action would send for one message: a pure description, computed from the action's settings,
 * the original message and the SELECT result, that a caller can print, compare, or hand to a real store. An
 * action that cannot be carried out (a reserved Timestream measure name, a missing InfluxDB timestamp...) gives
 * an {@link ActionFailure} instead, as the action would fail on AWS and trigger the rule's error action.
 */
public sealed interface ActionRequest
        permits TimestreamWrite, S3PutObject, SnsPublish, InfluxDbWrite, CloudWatchLogsPut, OtherActionRequest,
        ActionFailure {

    /** @return the action's name in a rule file: {@code timestream}, {@code s3}, {@code sns}... */
    String action();

    /** @return the request as a JSON object whose first key is {@code action}; a new object on each call */
    ObjectNode toJson();
}
