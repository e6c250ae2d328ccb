package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The records a {@code timestream} action writes for one message: one per attribute of the SELECT result, each
 * with the action's dimensions and the same time, in the shape of Timestream's {@code WriteRecords} request.
 *
 * @param databaseName the database
 * @param tableName the table
 * @param records the records, in SELECT order
 */
public record TimestreamWrite(String databaseName, String tableName, List<Record> records)
        implements ActionRequest {

    /** The units a Timestream record's time may be in (and an InfluxDB action's {@code timestampUnit}). */
    public static final Set<String> TIME_UNITS = Set.of("SECONDS", "MILLISECONDS", "MICROSECONDS", "NANOSECONDS");

    /** @param records copied */
    public TimestreamWrite {
        records = List.copyOf(records);
    }

    /**
     * A dimension of a record.
     *
     * @param name the dimension's name
     * @param value its value, never empty
     */
    public record Dimension(String name, String value) {
    }

    /**
     * One Timestream record.
     *
     * @param dimensions the action's dimensions, in order
     * @param measureName the SELECT attribute's name
     * @param measureValue its value as text: {@code 17.3}, {@code 2400}, {@code true}, or a string or JSON text
     * @param measureValueType {@code DOUBLE} (a decimal), {@code BIGINT} (an integer), {@code BOOLEAN} or
     *     {@code VARCHAR} (a string; objects and arrays as JSON text)
     * @param time the record's time, a whole number in {@code timeUnit} since the epoch
     * @param timeUnit {@code SECONDS}, {@code MILLISECONDS}, {@code MICROSECONDS} or {@code NANOSECONDS}
     */
    public record Record(List<Dimension> dimensions, String measureName, String measureValue,
            String measureValueType, String time, String timeUnit) {

        /** @param dimensions copied */
        public Record {
            dimensions = List.copyOf(dimensions);
        }
    }

    @Override
    public String action() {
        return "timestream";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.NODES.objectNode();
        o.put("action", action());
        o.put("databaseName", databaseName);
        o.put("tableName", tableName);
        ArrayNode rs = o.putArray("records");
        for (Record r : records) {
            ObjectNode ro = rs.addObject();
            ArrayNode ds = ro.putArray("dimensions");
            for (Dimension d : r.dimensions()) {
                ds.addObject().put("name", d.name()).put("value", d.value());
            }
            ro.put("measureName", r.measureName());
            ro.put("measureValue", r.measureValue());
            ro.put("measureValueType", r.measureValueType());
            ro.put("time", r.time());
            ro.put("timeUnit", r.timeUnit());
        }
        return o;
    }
}
