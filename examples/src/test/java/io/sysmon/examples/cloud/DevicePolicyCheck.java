package io.sysmon.examples.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether an AWS IoT device policy is least-privilege, and says why not. A policy passes when every
 * {@code Allow} statement
 *
 * <ol>
 *   <li>names its actions one by one: no action contains {@code *} (so neither {@code iot:*} nor {@code *});</li>
 *   <li>has no {@code NotAction} or {@code NotResource} (they allow everything not listed);</li>
 *   <li>names only resources of the form {@code arn:PARTITION:iot:REGION:ACCOUNT:TYPE/REST}, where REGION and
 *       ACCOUNT may be {@code *} (a device policy is only ever evaluated in its own account and region) and TYPE
 *       fits every action: {@code client} for {@code iot:Connect}, {@code topic} for {@code iot:Publish} and
 *       {@code iot:Receive}, {@code topicfilter} for {@code iot:Subscribe};</li>
 *   <li>binds REST to the connecting thing: {@code client/${iot:Connection.Thing.ThingName}} exactly, or
 *       {@code topic[filter]/$aws/things/${iot:Connection.Thing.ThingName}/shadow/...};</li>
 *   <li>uses a wildcard in REST only as the shadow topic suffix: after removing policy variables
 *       ({@code ${...}}) and one trailing {@code /shadow/*} or {@code /shadow/name/* /*} (without the space),
 *       REST holds no {@code *}, and no MQTT wildcard {@code +} or {@code #};</li>
 *   <li>allows {@code iot:Connect} only with the condition {@code iot:Connection.Thing.IsAttached} = true.</li>
 * </ol>
 *
 * {@code Deny} statements only narrow what is allowed and are not checked.
 */
final class DevicePolicyCheck {

    static final String THING_VARIABLE = "${iot:Connection.Thing.ThingName}";

    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:iot:([a-z0-9-]+|\\*):([0-9]{12}|\\*):(client|topic|topicfilter)/(.+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");
    private static final Map<String, String> RESOURCE_TYPE_OF_ACTION = Map.of(
            "iot:Connect", "client",
            "iot:Publish", "topic",
            "iot:Receive", "topic",
            "iot:RetainPublish", "topic",
            "iot:Subscribe", "topicfilter");
    private static final String SHADOW_PREFIX = "$aws/things/" + THING_VARIABLE + "/shadow/";

    private DevicePolicyCheck() {
    }

    /**
     * @param policy a policy document
     * @return what makes it broader than least privilege; empty when it is least privilege
     */
    static List<String> problems(JsonNode policy) {
        List<String> problems = new ArrayList<>();
        JsonNode statements = policy.path("Statement");
        if (!statements.isArray() || statements.isEmpty()) {
            problems.add("no Statement list");
            return problems;
        }
        int index = 0;
        for (JsonNode statement : statements) {
            String where = "Statement[" + index++ + "]";
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            for (String not : List.of("NotAction", "NotResource")) {
                if (statement.has(not)) {
                    problems.add(where + " uses " + not + ", which allows everything it does not name");
                }
            }
            List<String> actions = strings(statement.path("Action"));
            List<String> resources = strings(statement.path("Resource"));
            if (actions.isEmpty() || resources.isEmpty()) {
                problems.add(where + " has no Action or no Resource");
            }
            for (String action : actions) {
                if (action.contains("*")) {
                    problems.add(where + " allows the wildcard action " + action);
                } else if (!RESOURCE_TYPE_OF_ACTION.containsKey(action)) {
                    problems.add(where + " allows " + action + ", which a device does not need");
                }
            }
            for (String resource : resources) {
                problems.addAll(resourceProblems(where, resource, actions));
            }
            if (actions.contains("iot:Connect") && !requiresAttachedThing(statement)) {
                problems.add(where + " allows iot:Connect without the condition iot:Connection.Thing.IsAttached"
                        + " = true");
            }
        }
        return problems;
    }

    private static List<String> resourceProblems(String where, String resource, List<String> actions) {
        List<String> problems = new ArrayList<>();
        Matcher arn = ARN.matcher(resource);
        if (!arn.matches()) {
            problems.add(where + " names the resource " + resource + ", not an AWS IoT client, topic or"
                    + " topicfilter ARN" + (resource.contains("*") ? " (a wildcard resource)" : ""));
            return problems;
        }
        String type = arn.group(3);
        String rest = arn.group(4);
        for (String action : actions) {
            String wanted = RESOURCE_TYPE_OF_ACTION.get(action);
            if (wanted != null && !wanted.equals(type)) {
                problems.add(where + " pairs " + action + " with a " + type + " resource; it needs " + wanted);
            }
        }
        boolean bound = type.equals("client") ? rest.equals(THING_VARIABLE) : rest.startsWith(SHADOW_PREFIX);
        if (!bound) {
            problems.add(where + " resource " + resource + " is not bound to the connecting thing ("
                    + (type.equals("client") ? "client/" + THING_VARIABLE : type + "/" + SHADOW_PREFIX + "...")
                    + ")");
        }
        String literal = VARIABLE.matcher(rest).replaceAll("VAR");
        if (literal.endsWith("/shadow/name/*/*")) {
            literal = literal.substring(0, literal.length() - "name/*/*".length());
        } else if (literal.endsWith("/shadow/*")) {
            literal = literal.substring(0, literal.length() - 1);
        }
        if (literal.contains("*") || literal.contains("+") || literal.contains("#")) {
            problems.add(where + " resource " + resource + " has a wildcard outside the shadow topic suffix");
        }
        return problems;
    }

    private static boolean requiresAttachedThing(JsonNode statement) {
        JsonNode value = statement.path("Condition").path("Bool").path("iot:Connection.Thing.IsAttached");
        List<String> values = strings(value);
        return values.equals(List.of("true"));
    }

    private static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node.isTextual()) {
            result.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> result.add(n.asText()));
        }
        return result;
    }
}
