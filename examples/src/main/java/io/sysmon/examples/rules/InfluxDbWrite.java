package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The point an {@code influxDB} action writes for one message: the measurement is the action's
 * {@code tableName}, the tags its {@code tags}, the fields every attribute of the SELECT result but
 * {@code timestamp}, which gives the point's time in {@code timestampUnit}.
 *
 * @param databaseName the database (bucket)
 * @param organization the organization (InfluxDB 2), or null
 * @param destinationArn the InfluxDB topic rule destination
 * @param measurement the measurement (the action's {@code tableName})
 * @param tags the tags, in the action's order; copied
 * @param fields the fields, in SELECT order: Int, Decimal, Boolean or String values (objects and arrays as
 *     JSON strings); copied
 * @param timestamp the point's time, a whole number of {@code timestampUnit} since the epoch
 * @param timestampUnit {@code SECONDS}, {@code MILLISECONDS}, {@code MICROSECONDS} or {@code NANOSECONDS}
 */
public record InfluxDbWrite(String databaseName, String organization, String destinationArn, String measurement,
        Map<String, String> tags, Map<String, JsonNode> fields, long timestamp, String timestampUnit)
        implements ActionRequest {

    /** Copies the maps, keeping their order (the read-only maps the renderer builds are taken as they are). */
    public InfluxDbWrite {
        tags = tags instanceof SmallMap ? tags : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        fields = fields instanceof SmallMap ? fields : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String action() {
        return "influxDB";
    }

    /**
     * @return the point in InfluxDB line protocol, e.g.
     *     {@code aws_iot_demo,device_id=my_iot_device_1 cpu_usage=17.3,cpu_freq=2400i 1714564800}; the
     *     timestamp is in {@link #timestampUnit()}, to be written with the matching precision
     */
    public String lineProtocol() {
        StringBuilder sb = new StringBuilder(128);
        escape(sb, measurement, false);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            sb.append(',');
            escape(sb, tag.getKey(), true);
            sb.append('=');
            escape(sb, tag.getValue(), true);
        }
        char separator = ' ';
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            sb.append(separator);
            separator = ',';
            escape(sb, field.getKey(), true);
            sb.append('=');
            JsonNode v = field.getValue();
            if (v.isIntegralNumber()) {
                sb.append(v.asText()).append('i');
            } else if (v.isDouble()) {
                sb.append(Values.decimalText(v.doubleValue()));
            } else if (v.isNumber() || v.isBoolean()) {
                sb.append(v.asText());
            } else {
                String s = v.isTextual() ? v.textValue() : Json.write(v);
                sb.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        sb.append(' ').append(timestamp);
        return sb.toString();
    }

    /** Measurements escape commas and spaces; tag keys, tag values and field keys also equals signs. */
    private static void escape(StringBuilder sb, String s, boolean equalsToo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action());
        o.put("databaseName", databaseName);
        if (organization != null) {
            o.put("organization", organization);
        }
        o.put("destinationArn", destinationArn);
        o.put("timestampUnit", timestampUnit);
        o.put("lineProtocol", lineProtocol());
        return o;
    }
}
