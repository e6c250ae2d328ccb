package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks action parameters and compiles them into renderers: pure functions from (the action's settings, the
 * original message, the SELECT result, the message's receive time) to the request the action would send.
 */
final class Actions {

    private static final int MAX_TIMESTREAM_RECORDS = 100;

    private Actions() {
    }

    /**
     * @param action the action object, e.g. {@code {"s3": {...}}}
     * @param path where it is in the rule file, e.g. {@code actions[0]}, for messages
     * @param sql the rule's compiled SQL (its version and SET variables apply to templates), or null when it did
     *     not compile (templates are then checked with the given version only)
     * @param version the rule's SQL version
     * @param problems where problems are added
     * @return the action, or null when it has problems
     */
    static RuleAction compile(JsonNode action, String path, IotSql sql, SqlVersion version, List<String> problems) {
        if (!action.isObject() || action.size() != 1) {
            problems.add(path + " must be an object with exactly one key, the action's name, e.g. "
                    + "{\"s3\": {...}}");
            return null;
        }
        Map.Entry<String, JsonNode> entry = action.properties().iterator().next();
        String type = entry.getKey();
        JsonNode params = entry.getValue();
        String where = path + "." + type;
        if (!params.isObject()) {
            problems.add(where + " must be an object of parameters");
            return null;
        }
        Params p = new Params((ObjectNode) params, where, sql, version, problems);
        int before = problems.size();
        RuleAction.Renderer renderer;
        switch (type) {
            case "timestream":
                renderer = timestream(p, sql == null ? Optional.empty() : sql.outputNames());
                break;
            case "s3":
                renderer = s3(p);
                break;
            case "sns":
                renderer = sns(p);
                break;
            case "influxDB":
                renderer = influxDb(p);
                break;
            case "cloudwatchLogs":
                renderer = cloudwatchLogs(p);
                break;
            default:
                renderer = other(type, p);
                break;
        }
        return problems.size() > before ? null : new RuleAction(type, params.deepCopy(), renderer);
    }

    // ---- timestream -------------------------------------------------------------------------------------------

    private static RuleAction.Renderer timestream(Params p, Optional<List<String>> outputNames) {
        p.known("roleArn", "databaseName", "tableName", "dimensions", "timestamp");
        p.required("roleArn");
        Template database = p.template("databaseName", true);
        Template table = p.template("tableName", true);
        List<String> dimensionNames = new ArrayList<>();
        List<Template> dimensionValues = new ArrayList<>();
        JsonNode dims = p.node.get("dimensions");
        if (dims == null) {
            p.problem("missing required field 'dimensions' (Timestream needs at least one, e.g. "
                    + "{\"name\": \"device_id\", \"value\": \"${topic(3)}\"})");
        } else if (!dims.isArray() || dims.isEmpty()) {
            p.problem("'dimensions' must be a non-empty array of {\"name\": ..., \"value\": ...}");
        } else {
            for (int i = 0; i < dims.size(); i++) {
                Params d = p.child(dims.get(i), "dimensions[" + i + "]");
                if (d == null) {
                    continue;
                }
                d.known("name", "value");
                String name = d.required("name");
                Template value = d.template("value", true);
                if (name != null) {
                    String reserved = reservedTimestreamName(name, "dimension");
                    if (reserved != null) {
                        d.problem(reserved);
                    } else if (name.startsWith("measure_value") || name.contains(":")) {
                        d.problem("dimension name '" + name + "' must not start with measure_value or contain ':'");
                    }
                }
                dimensionNames.add(name);
                dimensionValues.add(value);
            }
        }
        Template timeValue = null;
        String timeUnit = "MILLISECONDS";
        JsonNode ts = p.node.get("timestamp");
        if (ts != null) {
            Params t = p.child(ts, "timestamp");
            if (t != null) {
                t.known("value", "unit");
                timeValue = t.template("value", true);
                String unit = t.optional("unit");
                if (unit != null) {
                    if (TimestreamWrite.TIME_UNITS.contains(unit)) {
                        timeUnit = unit;
                    } else {
                        t.problem("'unit' must be SECONDS, MILLISECONDS, MICROSECONDS or NANOSECONDS, got '"
                                + unit + "'");
                    }
                }
            }
        }
        if (outputNames.isPresent()) {
            for (String name : outputNames.get()) {
                String reserved = reservedTimestreamName(name, "measure");
                if (reserved != null) {
                    p.problem(reserved + " (rename it with AS in the SELECT)");
                }
            }
        }
        return new Timestream(database, table, dimensionNames.toArray(new String[0]),
                dimensionValues.toArray(new Template[0]), timeValue, timeUnit);
    }

    /** @return why Timestream rejects {@code name}, or null */
    static String reservedTimestreamName(String name, String what) {
        if (name.equals("measure_name") || name.equals("measure_value") || name.equals("time")) {
            return what + " name '" + name + "' is reserved by Timestream";
        }
        if (name.startsWith("ts_")) {
            return what + " name '" + name + "' must not start with ts_ (reserved by Timestream)";
        }
        return null;
    }

    private static final class Timestream implements RuleAction.Renderer {
        private final Template database;
        private final Template table;
        private final String[] dimensionNames;
        private final Template[] dimensionValues;
        private final Template timeValue;
        private final String timeUnit;

        Timestream(Template database, Template table, String[] dimensionNames, Template[] dimensionValues,
                Template timeValue, String timeUnit) {
            this.database = database;
            this.table = table;
            this.dimensionNames = dimensionNames;
            this.dimensionValues = dimensionValues;
            this.timeValue = timeValue;
            this.timeUnit = timeUnit;
        }

        @Override
        public ActionRequest render(EvalContext c, JsonNode payload) {
            String db = database.render(c);
            String tb = table.render(c);
            if (!payload.isObject()) {
                return failure("timestream", db + "/" + tb, "the SELECT result is not a JSON object; Timestream "
                        + "writes one record per attribute of an object");
            }
            TimestreamWrite.Dimension[] dimArray = new TimestreamWrite.Dimension[dimensionNames.length];
            for (int i = 0; i < dimensionNames.length; i++) {
                String value = dimensionValues[i].render(c);
                if (value.isEmpty()) {
                    return failure("timestream", db + "/" + tb, "dimension '" + dimensionNames[i] + "' is empty: '"
                            + dimensionValues[i] + "' gave no value for this message");
                }
                dimArray[i] = new TimestreamWrite.Dimension(dimensionNames[i], value);
            }
            // Immutable once, so every record shares it rather than copying it.
            List<TimestreamWrite.Dimension> dims = List.of(dimArray);
            String time;
            String unit;
            if (timeValue == null) {
                time = Long.toString(c.nowMillis);
                unit = "MILLISECONDS";
            } else {
                time = timeValue.render(c);
                unit = timeUnit;
                if (!isWholeNumber(time)) {
                    return failure("timestream", db + "/" + tb, "timestamp '" + timeValue + "' gave '" + time
                            + "', not a whole number of " + unit.toLowerCase(Locale.ROOT) + " since the epoch");
                }
            }
            List<TimestreamWrite.Record> records = new ArrayList<>(payload.size());
            for (Map.Entry<String, JsonNode> e : payload.properties()) {
                String name = e.getKey();
                String reserved = reservedTimestreamName(name, "measure");
                if (reserved != null) {
                    return failure("timestream", db + "/" + tb, reserved);
                }
                JsonNode v = e.getValue();
                String type;
                String text;
                switch (Values.kind(v)) {
                    case INT:
                        type = "BIGINT";
                        text = v.asText();
                        break;
                    case DECIMAL:
                        type = "DOUBLE";
                        text = Values.toText(v);
                        break;
                    case BOOLEAN:
                        type = "BOOLEAN";
                        text = v.asText();
                        break;
                    case STRING:
                        type = "VARCHAR";
                        text = v.textValue();
                        break;
                    case ARRAY:
                    case OBJECT:
                        type = "VARCHAR";
                        text = Json.write(v);
                        break;
                    default:
                        continue; // Null has no measure value
                }
                records.add(new TimestreamWrite.Record(dims, name, text, type, time, unit));
            }
            if (records.isEmpty()) {
                return failure("timestream", db + "/" + tb, "the SELECT result has no attribute to write");
            }
            if (records.size() > MAX_TIMESTREAM_RECORDS) {
                return failure("timestream", db + "/" + tb, "the SELECT result has " + records.size()
                        + " attributes; Timestream takes at most " + MAX_TIMESTREAM_RECORDS + " per message");
            }
            return new TimestreamWrite(db, tb, records);
        }
    }

    private static boolean isWholeNumber(String s) {
        int i = s.startsWith("-") ? 1 : 0;
        if (i == s.length() || s.length() > 19) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- s3, sns, cloudwatchLogs -------------------------------------------------------------------------------

    private static RuleAction.Renderer s3(Params p) {
        p.known("roleArn", "bucketName", "key", "cannedAcl");
        p.required("roleArn");
        Template bucket = p.template("bucketName", true);
        Template key = p.template("key", true);
        String acl = p.optional("cannedAcl");
        return (c, payload) -> {
            String b = bucket.render(c);
            String k = key.render(c);
            if (k.isEmpty()) {
                return failure("s3", b, "the object key '" + key + "' is empty for this message");
            }
            return new S3PutObject(b, k, payloadText(payload), acl);
        };
    }

    private static RuleAction.Renderer sns(Params p) {
        p.known("roleArn", "targetArn", "messageFormat");
        p.required("roleArn");
        Template target = p.template("targetArn", true);
        String format = p.optional("messageFormat");
        if (format != null && !format.equals("RAW") && !format.equals("JSON")) {
            p.problem("'messageFormat' must be RAW or JSON, got '" + format + "'");
        }
        String messageFormat = format == null ? "RAW" : format;
        return (c, payload) -> new SnsPublish(target.render(c), messageFormat, payloadText(payload));
    }

    private static RuleAction.Renderer cloudwatchLogs(Params p) {
        p.known("roleArn", "logGroupName", "batchMode");
        p.required("roleArn");
        Template group = p.template("logGroupName", true);
        JsonNode batch = p.node.get("batchMode");
        if (batch != null && !batch.isBoolean()) {
            p.problem("'batchMode' must be true or false");
        }
        return (c, payload) -> new CloudWatchLogsPut(group.render(c), payloadText(payload));
    }

    // ---- influxDB ---------------------------------------------------------------------------------------------

    private static RuleAction.Renderer influxDb(Params p) {
        p.known("roleArn", "databaseName", "tableName", "destinationArn", "organization", "tags", "timestampUnit",
                "batchConfig");
        p.required("roleArn");
        Template database = p.template("databaseName", true);
        Template table = p.template("tableName", true);
        String destination = p.required("destinationArn");
        Template organization = p.template("organization", false);
        Map<String, Template> tags = new LinkedHashMap<>();
        JsonNode tagNode = p.node.get("tags");
        if (tagNode != null) {
            if (!tagNode.isObject()) {
                p.problem("'tags' must be an object of tag names to values, e.g. {\"device_id\": \"${topic(3)}\"}");
            } else {
                Params t = new Params((ObjectNode) tagNode, p.path + ".tags", p.sql, p.version, p.problems);
                for (Iterator<String> it = tagNode.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    tags.put(name, t.template(name, true));
                }
            }
        }
        String unit = p.optional("timestampUnit");
        if (unit != null && !TimestreamWrite.TIME_UNITS.contains(unit)) {
            p.problem("'timestampUnit' must be SECONDS, MILLISECONDS, MICROSECONDS or NANOSECONDS, got '" + unit
                    + "'");
        }
        JsonNode batch = p.node.get("batchConfig");
        if (batch != null && !batch.isObject()) {
            p.problem("'batchConfig' must be an object");
        }
        String timestampUnit = unit == null ? "MILLISECONDS" : unit;
        String[] tagNames = tags.keySet().toArray(new String[0]);
        Template[] tagTemplates = tags.values().toArray(new Template[0]);
        return (c, payload) -> {
            String db = database.render(c);
            String measurement = table.render(c);
            if (!payload.isObject()) {
                return failure("influxDB", db + "/" + measurement, "the SELECT result is not a JSON object");
            }
            JsonNode ts = payload.get("timestamp");
            if (ts == null || Values.kind(ts) != Values.Kind.INT) {
                return failure("influxDB", db + "/" + measurement, "the SELECT result has no integer 'timestamp'; "
                        + "the InfluxDB action takes each point's time from it (select it, e.g. "
                        + "state.reported.timestamp AS timestamp)");
            }
            SmallMap<String> tagValues = new SmallMap<>(tagNames.length);
            for (int i = 0; i < tagNames.length; i++) {
                String v = tagTemplates[i].render(c);
                if (!v.isEmpty()) {
                    tagValues.add(tagNames[i], v);
                }
            }
            SmallMap<JsonNode> fields = new SmallMap<>(payload.size());
            for (Map.Entry<String, JsonNode> e : payload.properties()) {
                JsonNode v = e.getValue();
                if (!e.getKey().equals("timestamp") && !v.isNull()) {
                    fields.add(e.getKey(), v);
                }
            }
            if (fields.isEmpty()) {
                return failure("influxDB", db + "/" + measurement,
                        "the SELECT result has no field to write besides timestamp");
            }
            String org = organization == null ? null : organization.render(c);
            return new InfluxDbWrite(db, org, destination, measurement, tagValues, fields, ts.longValue(),
                    timestampUnit);
        };
    }

    // ---- any other action -------------------------------------------------------------------------------------

    private static RuleAction.Renderer other(String type, Params p) {
        JsonNode templated = compileStrings(p.node, p.path, p);
        return (c, payload) -> new OtherActionRequest(type, renderStrings(templated, c), payloadText(payload));
    }

    /** Replaces every string but role ARNs with its compiled {@link Template}, held in a POJO node. */
    private static JsonNode compileStrings(JsonNode node, String path, Params p) {
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), e.getKey().equals("roleArn") ? e.getValue()
                        : compileStrings(e.getValue(), path + "." + e.getKey(), p));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Json.NODES.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(compileStrings(node.get(i), path + "[" + i + "]", p));
            }
            return copy;
        }
        if (node.isTextual()) {
            Template t = p.compileTemplate(node.textValue(), path);
            return t == null || t.isConstant() ? node : Json.NODES.pojoNode(t);
        }
        return node;
    }

    private static JsonNode renderStrings(JsonNode node, EvalContext c) {
        if (node.isPojo()) {
            return Json.NODES.textNode(((Template) ((com.fasterxml.jackson.databind.node.POJONode) node).getPojo())
                    .render(c));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), renderStrings(e.getValue(), c));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Json.NODES.arrayNode();
            for (JsonNode element : node) {
                copy.add(renderStrings(element, c));
            }
            return copy;
        }
        return node;
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /** @return the payload an action sends: the SELECT result as JSON, a binary payload's bytes as text */
    static String payloadText(JsonNode payload) {
        if (payload.isMissingNode()) {
            return "";
        }
        if (payload.isBinary()) {
            return new String(((com.fasterxml.jackson.databind.node.BinaryNode) payload).binaryValue(),
                    StandardCharsets.UTF_8);
        }
        return Json.write(payload);
    }

    /** @return AWS's name for an action in an error message: {@code timestream} → {@code TimestreamAction} */
    static String awsActionName(String type) {
        switch (type) {
            case "influxDB":
                return "InfluxDBAction";
            case "s3":
                return "S3Action";
            default:
                return Character.toUpperCase(type.charAt(0)) + type.substring(1) + "Action";
        }
    }

    static ActionFailure failure(String type, String resource, String message) {
        return new ActionFailure(type, awsActionName(type), resource, message);
    }

    /** Reads an action's parameters, adding a problem for each missing or malformed one. */
    static final class Params {
        final ObjectNode node;
        final String path;
        final IotSql sql;
        final SqlVersion version;
        final List<String> problems;

        Params(ObjectNode node, String path, IotSql sql, SqlVersion version, List<String> problems) {
            this.node = node;
            this.path = path;
            this.sql = sql;
            this.version = version;
            this.problems = problems;
        }

        void problem(String message) {
            problems.add(path + ": " + message);
        }

        Params child(JsonNode child, String name) {
            if (!child.isObject()) {
                problem("'" + name + "' must be an object");
                return null;
            }
            return new Params((ObjectNode) child, path + "." + name, sql, version, problems);
        }

        void known(String... names) {
            Set<String> known = Set.of(names);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    problem("unknown field '" + name + "'; expected " + String.join(", ", names));
                }
            }
        }

        String required(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                problem("missing required field '" + name + "'");
                return null;
            }
            if (!v.isTextual() || v.textValue().isEmpty()) {
                problem("'" + name + "' must be a non-empty string");
                return null;
            }
            return v.textValue();
        }

        String optional(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                return null;
            }
            if (!v.isTextual()) {
                problem("'" + name + "' must be a string");
                return null;
            }
            return v.textValue();
        }

        Template template(String name, boolean required) {
            String text = required ? required(name) : optional(name);
            return text == null ? null : compileTemplate(text, path + "." + name);
        }

        Template compileTemplate(String text, String where) {
            try {
                return Template.compile(text, version, sql == null ? Map.of() : sql.variableSlots());
            } catch (Template.BadTemplateException e) {
                problems.add(where + ": " + e.getMessage());
                return null;
            }
        }
    }
}
