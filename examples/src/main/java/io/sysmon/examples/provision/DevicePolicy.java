package io.sysmon.examples.provision;

/**
 * The least-privilege device policy {@code sysmon provision} creates when the account has none of the name
 * given: a device may connect only as the thing its certificate is attached to, and use only that thing's
 * shadow topics (classic and named). It is {@code examples/policies/device-least-privilege.json}, embedded so
 * that {@code sysmon.jar} works from any directory; a test keeps the two equal.
 */
public final class DevicePolicy {

    /** The policy name {@code sysmon provision} and the CloudFormation stack use unless told otherwise. */
    public static final String DEFAULT_NAME = "sysmon-device";

    /** The policy document; region and account are {@code *} so that it deploys unchanged anywhere. */
    public static final String LEAST_PRIVILEGE = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "ConnectOnlyAsItsOwnThing",
                  "Effect": "Allow",
                  "Action": "iot:Connect",
                  "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}",
                  "Condition": {
                    "Bool": {
                      "iot:Connection.Thing.IsAttached": "true"
                    }
                  }
                },
                {
                  "Sid": "PublishAndReceiveOnlyOnItsOwnShadows",
                  "Effect": "Allow",
                  "Action": [
                    "iot:Publish",
                    "iot:Receive"
                  ],
                  "Resource": [
                    "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*",
                    "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/*/*"
                  ]
                },
                {
                  "Sid": "SubscribeOnlyToItsOwnShadows",
                  "Effect": "Allow",
                  "Action": "iot:Subscribe",
                  "Resource": [
                    "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*",
                    "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/*/*"
                  ]
                }
              ]
            }
            """;

    private DevicePolicy() {
    }
}
