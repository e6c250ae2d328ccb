package io.sysmon.examples.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sysmon.examples.rules.TimestreamWrite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The store's file format: one Timestream record per line, as JSON, in the shape of a {@code WriteRecords}
 * record with snake_case names:
 *
 * <pre>{@code
 * {"time":1714564800,"time_unit":"SECONDS","dimensions":{"device_id":"my_iot_device_1"},"measure_name":"cpu_usage","measure_value_type":"DOUBLE","measure_value":"17.3"}
 * }</pre>
 *
 * <p>{@code measure_value} is text, as in Timestream's API, so a BIGINT keeps every digit. Parsing is pure and
 * never throws: a line that is not such a record gives {@code null}.
 */
final class RecordLines {

    static final String DEVICE_DIMENSION = "device_id";
    static final Set<String> VALUE_TYPES = Set.of("DOUBLE", "BIGINT", "BOOLEAN", "VARCHAR");

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private RecordLines() {
    }

    /**
     * One record as stored.
     *
     * @param dimensions dimension names to values, in order
     * @param measureName the measure
     * @param measureValueType DOUBLE, BIGINT, BOOLEAN or VARCHAR
     * @param measureValue the value as text
     * @param time the time in {@code timeUnit} since the epoch
     * @param timeUnit SECONDS, MILLISECONDS, MICROSECONDS or NANOSECONDS
     * @param numericValue the value as a number for DOUBLE and BIGINT; NaN for the other types
     */
    record Line(Map<String, String> dimensions, String measureName, String measureValueType, String measureValue,
            long time, String timeUnit, double numericValue) {

        /** @return the record's time in epoch milliseconds (finer units truncated) */
        long epochMillis() {
            return toMillis(time, timeUnit);
        }
    }

    /**
     * Every check of a record, whichever way it came: the value type, the time unit, the value against its type and
     * the time against the unit. The value is parsed once, here.
     *
     * @return the line, or null when a check fails
     */
    private static Line checked(Map<String, String> dimensions, String measureName, String type, String value,
            long time, String unit) {
        if (!VALUE_TYPES.contains(type) || !TimestreamWrite.TIME_UNITS.contains(unit) || !fitsMillis(time, unit)) {
            return null;
        }
        double number = numeric(type, value);
        boolean valid;
        switch (type) {
            case "DOUBLE":
                valid = Double.isFinite(number);
                break;
            case "BIGINT":
                valid = !Double.isNaN(number);
                break;
            case "BOOLEAN":
                valid = value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
                break;
            default:
                valid = true;
        }
        return valid ? new Line(dimensions, measureName, type, value, time, unit, number) : null;
    }

    private static boolean fitsMillis(long time, String unit) {
        try {
            toMillis(time, unit);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /**
     * Checks one record of a write and converts it to a line, as Timestream would validate it.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Line of(TimestreamWrite.Record r) {
        if (r.dimensions().isEmpty()) {
            throw new IllegalArgumentException("record '" + r.measureName() + "' has no dimension");
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (TimestreamWrite.Dimension d : r.dimensions()) {
            dimensions.put(d.name(), d.value());
        }
        long time;
        try {
            time = Long.parseLong(r.time());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(whyInvalid(r, null));
        }
        Line line = checked(dimensions, r.measureName(), r.measureValueType(), r.measureValue(), time, r.timeUnit());
        if (line == null) {
            throw new IllegalArgumentException(whyInvalid(r, time));
        }
        return line;
    }

    /**
     * Only for a record {@link #checked} refused, so a valid one is checked once.
     *
     * @param time the record's time, or null when it is not a whole number
     * @return the first of its checks that fails, in words
     */
    private static String whyInvalid(TimestreamWrite.Record r, Long time) {
        if (!TimestreamWrite.TIME_UNITS.contains(r.timeUnit())) {
            return "time unit '" + r.timeUnit() + "' is not one of " + TimestreamWrite.TIME_UNITS;
        }
        if (time == null || !fitsMillis(time, r.timeUnit())) {
            return "time '" + r.time() + "' is not a whole number of "
                    + r.timeUnit().toLowerCase(java.util.Locale.ROOT) + " since the epoch";
        }
        if (!VALUE_TYPES.contains(r.measureValueType())) {
            return "measure value type '" + r.measureValueType() + "' is not one of " + VALUE_TYPES;
        }
        return "measure '" + r.measureName() + "' has value '" + r.measureValue() + "', not a "
                + r.measureValueType();
    }

    /** Appends {@code line} and a newline to {@code out}. */
    static void write(Line line, ByteArrayOutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("time", line.time());
            g.writeStringField("time_unit", line.timeUnit());
            g.writeObjectFieldStart("dimensions");
            for (Map.Entry<String, String> d : line.dimensions().entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            g.writeEndObject();
            g.writeStringField("measure_name", line.measureName());
            g.writeStringField("measure_value_type", line.measureValueType());
            g.writeStringField("measure_value", line.measureValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        out.write('\n');
    }

    /**
     * @param bytes a buffer holding the line
     * @param offset where the line starts
     * @param length its length, without the newline
     * @return the record, or {@code null} when the line is not a complete, valid record
     */
    static Line parse(byte[] bytes, int offset, int length) {
        Line line = parseAsWritten(bytes, offset, length);
        return line != null ? line : parseAnyJson(bytes, offset, length);
    }

    /** The fast parse: only a line exactly as {@link #write} writes it, without escapes; else null. */
    static Line parseAsWritten(byte[] bytes, int offset, int length) {
        return new FastParser(bytes, offset, length).line();
    }

    /** The general parse: any field order, escapes, extra fields. */
    static Line parseAnyJson(byte[] bytes, int offset, int length) {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, String> dimensions = null;
            String measureName = null;
            String type = null;
            String value = null;
            String unit = null;
            long time = 0;
            boolean hasTime = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "time":
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        time = p.getLongValue();
                        hasTime = true;
                        break;
                    case "time_unit":
                        unit = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "measure_name":
                        measureName = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "measure_value_type":
                        type = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "measure_value":
                        value = v == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "dimensions":
                        if (v != JsonToken.START_OBJECT) {
                            return null;
                        }
                        dimensions = new LinkedHashMap<>(4);
                        for (JsonToken d = p.nextToken(); d == JsonToken.FIELD_NAME; d = p.nextToken()) {
                            String name = p.currentName();
                            if (p.nextToken() != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            dimensions.put(name, p.getText());
                        }
                        break;
                    default:
                        p.skipChildren(); // a field a later version may add
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null;
            }
            if (!hasTime || unit == null || measureName == null || type == null || value == null
                    || dimensions == null || dimensions.isEmpty()) {
                return null;
            }
            return checked(dimensions, measureName, type, value, time, unit);
        } catch (IOException | RuntimeException e) { // junk, truncated JSON, a number out of range
            return null;
        }
    }

    /**
     * Reads a line exactly as {@link #write} writes it, without escapes, several times faster than a JSON parser
     * (loading a week of records is mostly parsing). Anything else gives {@code null}, and the JSON parser decides.
     */
    private static final class FastParser {
        private final byte[] b;
        private final int end;
        private int i;

        FastParser(byte[] bytes, int offset, int length) {
            this.b = bytes;
            this.i = offset;
            this.end = offset + length;
        }

        Line line() {
            if (!expect("{\"time\":")) {
                return null;
            }
            int digitsStart = i;
            boolean negative = i < end && b[i] == '-';
            if (negative) {
                i++;
            }
            long time = 0;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9' && digits < 18) {
                time = time * 10 + (b[i++] - '0');
                digits++;
            }
            if (digits == 0 || (i < end && b[i] >= '0' && b[i] <= '9') || i == digitsStart) {
                return null; // no digits, or too many for this fast path
            }
            time = negative ? -time : time;
            String unit = expect(",\"time_unit\":") ? string() : null;
            if (unit == null || !expect(",\"dimensions\":{")) {
                return null;
            }
            Map<String, String> dimensions = new LinkedHashMap<>(4);
            while (i < end && b[i] == '"') {
                String name = string();
                String value = name != null && expect(":") ? string() : null;
                if (value == null) {
                    return null;
                }
                dimensions.put(name, value);
                if (i < end && b[i] == ',') {
                    i++;
                }
            }
            if (dimensions.isEmpty() || !expect("},\"measure_name\":")) {
                return null;
            }
            String measure = string();
            String type = measure != null && expect(",\"measure_value_type\":") ? string() : null;
            String value = type != null && expect(",\"measure_value\":") ? string() : null;
            if (value == null || !expect("}") || i != end) {
                return null;
            }
            return checked(dimensions, measure, type, value, time, unit);
        }

        private boolean expect(String ascii) {
            int n = ascii.length();
            if (end - i < n) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (b[i + k] != ascii.charAt(k)) {
                    return false;
                }
            }
            i += n;
            return true;
        }

        /** @return a quoted string without escapes or control characters, or null */
        private String string() {
            if (i >= end || b[i] != '"') {
                return null;
            }
            int start = ++i;
            while (i < end && b[i] != '"') {
                if (b[i] == '\\' || (b[i] >= 0 && b[i] < 0x20)) {
                    return null;
                }
                i++;
            }
            if (i >= end) {
                return null;
            }
            return new String(b, start, i++ - start, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * @return the time in epoch milliseconds
     * @throws ArithmeticException when it does not fit
     */
    static long toMillis(long time, String unit) {
        switch (unit) {
            case "SECONDS":
                return Math.multiplyExact(time, 1000L);
            case "MILLISECONDS":
                return time;
            case "MICROSECONDS":
                return Math.floorDiv(time, 1000L);
            case "NANOSECONDS":
                return Math.floorDiv(time, 1_000_000L);
            default:
                throw new IllegalArgumentException("unknown time unit " + unit);
        }
    }

    private static double numeric(String type, String value) {
        try {
            switch (type) {
                case "DOUBLE":
                    return Double.parseDouble(value);
                case "BIGINT":
                    return Long.parseLong(value);
                default:
                    return Double.NaN;
            }
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
