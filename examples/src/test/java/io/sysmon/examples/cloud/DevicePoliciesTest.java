package io.sysmon.examples.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DevicePoliciesTest {

    private static JsonNode leastPrivilege() {
        return CloudFiles.json(CloudFiles.POLICIES.resolve("device-least-privilege.json"));
    }

    @Test
    void theDevicePolicyIsLeastPrivilege() {
        assertEquals(List.of(), DevicePolicyCheck.problems(leastPrivilege()));
    }

    @Test
    void theDevicePolicyLetsADeviceUseItsOwnClassicAndNamedShadows() {
        String text = leastPrivilege().toString();
        for (String resource : List.of(
                "client/${iot:Connection.Thing.ThingName}",
                "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*",
                "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/*/*",
                "topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*",
                "topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/*/*")) {
            assertTrue(text.contains(resource), "missing " + resource);
        }
        for (String action : List.of("iot:Connect", "iot:Publish", "iot:Receive", "iot:Subscribe")) {
            assertTrue(text.contains("\"" + action + "\""), "missing " + action);
        }
    }

    @Test
    void theTutorialsPolicyFailsTheSameCheck() {
        List<String> problems = DevicePolicyCheck.problems(
                CloudFiles.json(CloudFiles.POLICIES.resolve("demo-pubsub-any-UNSAFE.json")));
        assertTrue(problems.contains("Statement[0] allows the wildcard action iot:*"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("names the resource *")), problems::toString);
    }

    static Stream<Arguments> widenings() {
        return Stream.of(
                widen("any action", p -> statement(p, 1).put("Action", "*"), "wildcard action *"),
                widen("iot:*", p -> ((ArrayNode) statement(p, 1).get("Action")).add("iot:*"), "wildcard action iot:*"),
                widen("an admin action", p -> statement(p, 2).put("Action", "iot:UpdateThingShadow"),
                        "iot:UpdateThingShadow, which a device does not need"),
                widen("any client id", p -> statement(p, 0).put("Resource", "arn:aws:iot:*:*:client/*"),
                        "not bound to the connecting thing"),
                widen("every thing's shadow", p -> ((ArrayNode) statement(p, 1).get("Resource")).set(0,
                        "arn:aws:iot:*:*:topic/$aws/things/*/shadow/*"), "not bound to the connecting thing"),
                widen("any topic below the shadow", p -> ((ArrayNode) statement(p, 1).get("Resource")).set(0,
                        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/*"),
                        "not bound to the connecting thing"),
                widen("an MQTT wildcard", p -> ((ArrayNode) statement(p, 2).get("Resource")).set(0,
                        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/#"),
                        "wildcard outside the shadow topic suffix"),
                widen("a resource of any service", p -> statement(p, 1).put("Resource", "*"), "names the resource *"),
                widen("no thing attachment", p -> statement(p, 0).remove("Condition"),
                        "without the condition iot:Connection.Thing.IsAttached"),
                widen("NotResource", p -> statement(p, 2).set("NotResource", statement(p, 2).remove("Resource")),
                        "uses NotResource"),
                widen("publish on topic filters", p -> statement(p, 2).put("Action", "iot:Publish"),
                        "pairs iot:Publish with a topicfilter resource"));
    }

    private static Arguments widen(String name, Consumer<ObjectNode> change, String expected) {
        return Arguments.of(name, change, expected);
    }

    private static ObjectNode statement(ObjectNode policy, int index) {
        return (ObjectNode) policy.get("Statement").get(index);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("widenings")
    void everyWideningIsCaught(String name, Consumer<ObjectNode> change, String expected) {
        ObjectNode policy = leastPrivilege().deepCopy();
        change.accept(policy);
        List<String> problems = DevicePolicyCheck.problems(policy);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), name + ": " + problems);
    }
}
