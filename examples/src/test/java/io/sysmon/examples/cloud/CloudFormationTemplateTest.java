package io.sysmon.examples.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stack in cloudformation/sysmon-cloud.json: well-formed, least-privilege, and the rules' own SQL. */
class CloudFormationTemplateTest {

    private static final JsonNode TEMPLATE = CloudFiles.json(CloudFiles.TEMPLATE);

    private static Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        TEMPLATE.path("Resources").properties().forEach(e -> {
            if (type.equals(e.getValue().path("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private static JsonNode resource(String name) {
        JsonNode r = TEMPLATE.path("Resources").path(name);
        assertFalse(r.isMissingNode(), "no resource " + name);
        return r;
    }

    @Test
    void everyReferenceAndConditionResolves() {
        assertEquals("2010-09-09", TEMPLATE.path("AWSTemplateFormatVersion").asText());
        assertEquals(List.of(), TemplateCheck.problems(TEMPLATE));
    }

    @Test
    void theReferenceCheckCatchesWhatCloudFormationWouldReject() {
        ObjectNode broken = TEMPLATE.deepCopy();
        ObjectNode thing = (ObjectNode) broken.path("Resources").path("Device1Thing").path("Properties");
        thing.set("ThingName", broken.objectNode().put("Ref", "DeviceName"));
        ObjectNode topic = (ObjectNode) broken.path("Resources").path("AlertTopic").path("Properties");
        topic.set("KmsMasterKeyId", broken.objectNode().set("Fn::GetAtt",
                broken.arrayNode().add("AlertKey").add("Arn")));
        topic.set("DisplayName", broken.objectNode().put("Fn::Sub", "${AWS::Region}-${Nope}-${!Literal}"));
        ObjectNode outputs = (ObjectNode) broken.get("Outputs");
        outputs.set("Bucket", broken.objectNode().set("Value", broken.objectNode().put("Ref", "MetricsBucket")));
        outputs.set("Maybe", broken.objectNode().set("Value", broken.objectNode().set("Fn::If",
                broken.arrayNode().add("NoSuchCondition").add("a").add("b"))));

        List<String> problems = TemplateCheck.problems(broken);

        assertTrue(problems.contains("Resources.Device1Thing.ThingName refers to DeviceName, which is no parameter,"
                + " pseudo parameter or resource"), problems::toString);
        assertTrue(problems.contains("Resources.AlertTopic.KmsMasterKeyId refers to AlertKey, which is no resource"),
                problems::toString);
        assertTrue(problems.contains("Resources.AlertTopic.DisplayName (Fn::Sub ${Nope}) refers to Nope, which is no"
                + " parameter, pseudo parameter or resource"), problems::toString);
        assertTrue(problems.contains("Outputs.Bucket refers to MetricsBucket, which exists only if S3RouteEnabled;"
                + " put the reference under that condition (Condition or Fn::If)"), problems::toString);
        assertTrue(problems.contains("Outputs.Maybe uses the undefined condition NoSuchCondition"), problems::toString);
        assertEquals(5, problems.size(), problems::toString);
    }

    @Test
    void everyRuleFileIsATopicRuleWithTheSameSqlAndActions() {
        Map<String, JsonNode> rules = resources("AWS::IoT::TopicRule");
        Map<String, CloudFiles.Rule> files = CloudFiles.rules();
        assertEquals(files.size(), rules.size(), "one TopicRule per file in rules/: " + rules.keySet());
        Set<String> matched = new LinkedHashSet<>();
        for (CloudFiles.Rule file : files.values()) {
            JsonNode payload = null;
            for (Map.Entry<String, JsonNode> r : rules.entrySet()) {
                JsonNode p = r.getValue().path("Properties").path("TopicRulePayload");
                if (p.path("Sql").asText().equals(file.sql())) {
                    payload = p;
                    matched.add(r.getKey());
                }
            }
            assertNotNull(payload, "no TopicRule in the template has the SQL of " + file.file());
            assertEquals(file.sqlVersion(), payload.path("AwsIotSqlVersion").asText(), file.file().toString());
            assertFalse(payload.path("RuleDisabled").asBoolean(), file.file().toString());
            assertSameAction(file.file() + " actions", file.payload().path("actions"), payload.path("Actions"));
            assertSameAction(file.file() + " errorAction", file.payload().path("errorAction"),
                    payload.path("ErrorAction"));
        }
        assertEquals(rules.keySet(), matched);
    }

    /**
     * The API's camelCase action against CloudFormation's PascalCase: the same keys, and the same values wherever
     * the template has a literal. Where it has an intrinsic function (Ref, GetAtt, Sub), the rule file holds a
     * placeholder ARN or name for the same thing.
     */
    private static void assertSameAction(String where, JsonNode api, JsonNode cfn) {
        if (cfn.isObject() && cfn.size() == 1 && cfn.fieldNames().next().matches("Ref|Fn::.*")) {
            assertTrue(api.isTextual(), where + ": a placeholder for " + cfn + " must be a string, got " + api);
            return;
        }
        if (api.isObject()) {
            assertTrue(cfn.isObject(), where + ": expected an object, got " + cfn);
            boolean literalKeys = where.endsWith(".tags");
            List<String> expected = new ArrayList<>();
            api.fieldNames().forEachRemaining(k -> expected.add(literalKeys ? k : pascal(k)));
            assertEquals(expected, CloudFiles.fieldNames(cfn), where);
            api.properties().forEach(e -> assertSameAction(where + "." + e.getKey(), e.getValue(),
                    cfn.path(literalKeys ? e.getKey() : pascal(e.getKey()))));
        } else if (api.isArray()) {
            assertEquals(api.size(), cfn.size(), where);
            for (int i = 0; i < api.size(); i++) {
                assertSameAction(where + "[" + i + "]", api.get(i), cfn.get(i));
            }
        } else {
            assertEquals(api, cfn, where);
        }
    }

    private static String pascal(String key) {
        return switch (key) {
            case "sns" -> "Sns";
            case "influxDB" -> "InfluxDB";
            default -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
        };
    }

    @Test
    void theStacksDevicePolicyIsTheLeastPrivilegeFileForItsOwnRegionAndAccount() {
        JsonNode document = resolve(resource("DevicePolicy").path("Properties").path("PolicyDocument"));
        assertEquals(List.of(), DevicePolicyCheck.problems(document));
        String asFile = document.toString().replace("arn:aws:iot:us-east-1:123456789012:", "arn:aws:iot:*:*:");
        assertEquals(CloudFiles.json(CloudFiles.POLICIES.resolve("device-least-privilege.json")),
                CloudFiles.parse(asFile));
        assertEquals("DevicePolicyName", resource("DevicePolicy").path("Properties").path("PolicyName")
                .path("Ref").asText());
        assertEquals("sysmon-device", TEMPLATE.path("Parameters").path("DevicePolicyName").path("Default").asText(),
                "the name sysmon provision attaches by default");
    }

    /** Evaluates the Fn::Sub strings of a policy as CloudFormation would in us-east-1 of account 123456789012. */
    private static JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.has("Fn::Sub")) {
            String s = node.get("Fn::Sub").asText()
                    .replace("${AWS::Partition}", "aws")
                    .replace("${AWS::Region}", "us-east-1")
                    .replace("${AWS::AccountId}", "123456789012")
                    .replace("${!", "${");
            assertFalse(s.matches("(?s).*\\$\\{(?!iot:).*"), "unresolved variable in " + s);
            return TextNode.valueOf(s);
        }
        if (node.isObject()) {
            ObjectNode copy = node.deepCopy();
            node.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = CloudFiles.JSON.createArrayNode();
            node.forEach(n -> copy.add(resolve(n)));
            return copy;
        }
        return node;
    }

    @Test
    void eachRuleRoleTrustsOnlyAwsIotAndGrantsOnlyNamedActionsOnNamedResources() {
        Map<String, JsonNode> roles = resources("AWS::IAM::Role");
        assertTrue(roles.size() >= 4, roles.keySet()::toString);
        for (Map.Entry<String, JsonNode> role : roles.entrySet()) {
            String name = role.getKey();
            JsonNode props = role.getValue().path("Properties");
            JsonNode trust = props.path("AssumeRolePolicyDocument").path("Statement");
            assertEquals(1, trust.size(), name);
            assertEquals("iot.amazonaws.com", trust.get(0).path("Principal").path("Service").asText(), name);
            assertTrue(trust.get(0).path("Condition").path("StringEquals").has("aws:SourceAccount"),
                    name + " guards against the confused deputy");
            assertTrue(props.path("ManagedPolicyArns").isMissingNode(), name + " has only its inline policy");
            for (JsonNode policy : props.path("Policies")) {
                for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                    List<String> actions = new ArrayList<>();
                    JsonNode a = statement.path("Action");
                    if (a.isArray()) {
                        a.forEach(x -> actions.add(x.asText()));
                    } else {
                        actions.add(a.asText());
                    }
                    for (String action : actions) {
                        assertFalse(action.contains("*"), name + " allows the wildcard action " + action);
                    }
                    if ("*".equals(statement.path("Resource").asText(null))) {
                        assertEquals(List.of("timestream:DescribeEndpoints"), actions,
                                name + ": only an action without resource-level permissions may name *");
                    }
                }
            }
        }
    }

    @Test
    void eachRuleActionUsesItsOwnRole() {
        Set<String> roleRefs = new LinkedHashSet<>();
        for (JsonNode rule : resources("AWS::IoT::TopicRule").values()) {
            JsonNode payload = rule.path("Properties").path("TopicRulePayload");
            for (JsonNode action : payload.path("Actions")) {
                action.forEach(body -> roleRefs.add(body.path("RoleArn").path("Fn::GetAtt").path(0).asText()));
            }
            payload.path("ErrorAction").forEach(body -> assertEquals("RuleErrorLogRole",
                    body.path("RoleArn").path("Fn::GetAtt").path(0).asText()));
        }
        assertEquals(4, roleRefs.size(), "one role per action kind: " + roleRefs);
        assertFalse(roleRefs.contains("RuleErrorLogRole"));
    }

    @Test
    void optionalRoutesAreConditional() {
        for (String name : List.of("TimestreamDatabase", "TimestreamTable", "TimestreamRuleRole",
                "ShadowToTimestreamRule")) {
            assertEquals("TimestreamEnabled", resource(name).path("Condition").asText(), name);
        }
        for (String name : List.of("MetricsBucket", "MetricsBucketPolicy", "S3RuleRole", "ShadowToS3Rule",
                "GlueDatabase", "GlueTable", "AthenaWorkGroup")) {
            assertEquals("S3RouteEnabled", resource(name).path("Condition").asText(), name);
        }
        for (String name : List.of("InfluxDbRuleRole", "ShadowToInfluxDbRule")) {
            assertEquals("InfluxDbEnabled", resource(name).path("Condition").asText(), name);
        }
        assertEquals("false", TEMPLATE.path("Parameters").path("EnableTimestream").path("Default").asText(),
                "Timestream for LiveAnalytics is closed to new customers: off unless asked for");
        assertTrue(resources("AWS::IoT::Certificate").isEmpty(), "certificates come from sysmon provision");
        assertTrue(TEMPLATE.path("Description").asText().contains("sysmon provision"));
    }

    @Test
    void theBucketIsEncryptedPrivateAndTlsOnly() {
        JsonNode bucket = resource("MetricsBucket").path("Properties");
        assertEquals("AES256", bucket.path("BucketEncryption").path("ServerSideEncryptionConfiguration").path(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm").asText());
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                "RestrictPublicBuckets")) {
            assertTrue(block.path(setting).asBoolean(), setting);
        }
        JsonNode deny = resource("MetricsBucketPolicy").path("Properties").path("PolicyDocument").path("Statement")
                .path(0);
        assertEquals("Deny", deny.path("Effect").asText());
        assertEquals("false", deny.path("Condition").path("Bool").path("aws:SecureTransport").asText());
        assertEquals(CloudFiles.ruleWith("s3").action("s3").path("bucketName").asText()
                        .replace("123456789012", "${AWS::AccountId}"),
                bucket.path("BucketName").path("Fn::Sub").asText(), "the bucket the rule file names");
    }

    @Test
    void theGlueTableReadsWhatTheS3RuleWrites() {
        JsonNode table = resource("GlueTable").path("Properties").path("TableInput");
        Set<String> columns = new LinkedHashSet<>();
        table.path("StorageDescriptor").path("Columns").forEach(c -> columns.add(c.path("Name").asText()));
        List<String> partitions = new ArrayList<>();
        table.path("PartitionKeys").forEach(c -> partitions.add(c.path("Name").asText()));
        assertEquals(List.of(CloudFiles.DEVICE_ID, "date"), partitions);

        Set<String> written = new LinkedHashSet<>(CloudFiles.ruleWith("s3").selectNames());
        Set<String> read = new LinkedHashSet<>(columns);
        read.add(CloudFiles.DEVICE_ID);
        assertEquals(written, read, "columns + device_id partition = the S3 rule's SELECT");
        assertFalse(columns.contains(CloudFiles.DEVICE_ID), "a partition column cannot be a column too");

        String key = CloudFiles.ruleWith("s3").action("s3").path("key").asText();
        assertTrue(key.startsWith("device_id=${topic(3)}/date=${parse_time('yyyy-MM-dd', "), key);
        JsonNode parameters = table.path("Parameters");
        assertEquals("s3://${MetricsBucket}/device_id=${!device_id}/date=${!date}/",
                parameters.path("storage.location.template").path("Fn::Sub").asText());
        assertEquals("yyyy-MM-dd", parameters.path("projection.date.format").asText());
        assertEquals("true", parameters.path("projection.enabled").asText());
        assertEquals("org.openx.data.jsonserde.JsonSerDe",
                table.path("StorageDescriptor").path("SerdeInfo").path("SerializationLibrary").asText());
    }

    @Test
    void theTimestreamTableIsTheOneTheRuleWritesTo() {
        JsonNode action = CloudFiles.ruleWith("timestream").action("timestream");
        assertEquals(action.path("databaseName").asText(),
                resource("TimestreamDatabase").path("Properties").path("DatabaseName").asText());
        assertEquals(action.path("tableName").asText(),
                resource("TimestreamTable").path("Properties").path("TableName").asText());
        assertEquals(CloudFiles.ruleWith("sns").action("sns").path("targetArn").asText().replaceAll(".*:", ""),
                resource("AlertTopic").path("Properties").path("TopicName").asText());
        assertEquals(CloudFiles.ruleWith("sns").payload().path("errorAction").path("cloudwatchLogs")
                .path("logGroupName").asText(), resource("RuleErrorLogGroup").path("Properties")
                .path("LogGroupName").asText());
    }
}
