package io.sysmon.examples.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sysmon.examples.alerts.Alert;
import io.sysmon.examples.alerts.AlertLog;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.Json;
import io.sysmon.examples.store.MetricsQuery;
import io.sysmon.examples.store.SeriesPoint;
import io.sysmon.shadow.AwsIotNames;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON API under {@code /api/}; see {@link DashboardServer} for what each path answers. Thread-safe. */
final class DashboardApi {

    static final int MIN_POINTS = 2;
    static final int MAX_POINTS = 2000;
    static final int DEFAULT_POINTS = 600;
    static final TimeWindow DEFAULT_SERIES_WINDOW = TimeWindow.HOUR_1;
    static final TimeWindow DEFAULT_ALERTS_WINDOW = TimeWindow.HOURS_24;

    private static final Logger LOG = LoggerFactory.getLogger(DashboardApi.class);
    private static final int MAX_DEVICES_PER_QUERY = 1000;

    private final MetricsQuery metrics;
    private final AlertLog alerts;
    private final Function<String, Optional<String>> shadows;
    private final Clock clock;
    private final Response measures;

    DashboardApi(MetricsQuery metrics, AlertLog alerts, Function<String, Optional<String>> shadows, Clock clock) {
        this.metrics = metrics;
        this.alerts = alerts;
        this.shadows = shadows;
        this.clock = clock;
        this.measures = Response.json(200, DashboardApi::writeMeasures);
    }

    /**
     * @param path the raw request path, starting with {@code /api/}
     * @param rawQuery the raw query string, or null
     * @return the answer: the JSON, or a 400 or 404 with {@code {"error":"..."}}
     */
    Response handle(String path, String rawQuery) {
        try {
            switch (path) {
                case "/api/devices":
                    return devices();
                case "/api/series":
                    return series(Query.parse(rawQuery));
                case "/api/alerts":
                    return alerts(Query.parse(rawQuery));
                case "/api/measures":
                    return measures;
                default:
                    return Response.error(404, "no such API path: " + path
                            + " (there are /api/devices, /api/series, /api/alerts and /api/measures)");
            }
        } catch (BadRequestException e) {
            return Response.error(400, e.getMessage());
        }
    }

    private Response devices() {
        Set<String> names = new TreeSet<>(metrics.devices());
        return Response.json(200, json -> {
            json.writeStartArray();
            for (String device : names) {
                json.writeStartObject();
                json.writeStringField("device", device);
                Optional<Instant> lastSeen = metrics.lastSeen(device);
                if (lastSeen.isPresent()) {
                    json.writeStringField("lastSeen", lastSeen.get().toString());
                } else {
                    json.writeNullField("lastSeen");
                }
                json.writeFieldName("shadow");
                Optional<JsonNode> shadow = shadow(device);
                if (shadow.isPresent()) {
                    Json.MAPPER.writeTree(json, shadow.get());
                } else {
                    json.writeNull();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** A shadow that cannot be had (the endpoint stopped, the document is not JSON) shows as null, not a 500. */
    private Optional<JsonNode> shadow(String device) {
        try {
            Optional<String> document = shadows.apply(device);
            if (document.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Json.MAPPER.readTree(document.get()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("no shadow document for {}", device, e);
            return Optional.empty();
        }
    }

    private Response series(Query query) {
        Measure measure = query.measure();
        TimeWindow window = query.window(DEFAULT_SERIES_WINDOW);
        Set<String> devices = query.devices();
        int points = query.points();
        Instant to = clock.instant();
        Instant from = to.minus(window.length);
        Map<String, List<SeriesPoint>> series =
                new TreeMap<>(metrics.series(measure.measureName, from, to, devices, points));
        return Response.json(200, json -> {
            json.writeStartObject();
            json.writeStringField("measure", measure.measureName);
            json.writeStringField("unit", measure.unit);
            json.writeNumberField("from", from.toEpochMilli());
            json.writeNumberField("to", to.toEpochMilli());
            json.writeObjectFieldStart("series");
            for (Map.Entry<String, List<SeriesPoint>> entry : series.entrySet()) {
                json.writeArrayFieldStart(entry.getKey());
                for (SeriesPoint point : entry.getValue()) {
                    json.writeStartArray();
                    json.writeNumber(point.epochMillis());
                    writeValue(json, point.value());
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /**
     * Bucket averages have long tails of digits nobody reads on a chart; three decimals keep the series short.
     * A non-finite value cannot be drawn, so it is a gap.
     */
    private static void writeValue(JsonGenerator json, Double value) throws IOException {
        if (value == null || !Double.isFinite(value)) {
            json.writeNull();
        } else if (Math.abs(value) < 1e12) {
            json.writeNumber(Math.round(value * 1000.0) / 1000.0);
        } else {
            json.writeNumber(value.doubleValue());
        }
    }

    private Response alerts(Query query) {
        TimeWindow window = query.window(DEFAULT_ALERTS_WINDOW);
        List<Alert> list = alerts.alerts(clock.instant().minus(window.length));
        return Response.json(200, json -> {
            json.writeStartArray();
            for (Alert alert : list) {
                json.writeStartObject();
                json.writeStringField("device", alert.device());
                json.writeStringField("rule", alert.rule());
                json.writeStringField("message", alert.message());
                json.writeStringField("firedAt", alert.firedAt().toString());
                if (alert.resolvedAt().isPresent()) {
                    json.writeStringField("resolvedAt", alert.resolvedAt().get().toString());
                } else {
                    json.writeNullField("resolvedAt");
                }
                json.writeBooleanField("firing", alert.firing());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void writeMeasures(JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (Measure m : Measure.values()) {
            json.writeStartObject();
            json.writeStringField("measure", m.measureName);
            json.writeStringField("label", m.label);
            json.writeStringField("unit", m.unit);
            json.writeBooleanField("chart", m.charted);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A parameter the client got wrong; its message is the whole 400 answer. */
    static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message);
        }
    }

    /** The query string's parameters, the first of each name. */
    static final class Query {
        private final Map<String, String> params;

        private Query(Map<String, String> params) {
            this.params = params;
        }

        static Query parse(String rawQuery) {
            Map<String, String> params = new HashMap<>();
            if (rawQuery != null && !rawQuery.isEmpty()) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    params.putIfAbsent(name, value);
                }
            }
            return new Query(params);
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the query string has a bad %-escape in " + Arguments.quote(text));
            }
        }

        Measure measure() {
            String name = params.get("measure");
            if (name == null || name.isEmpty()) {
                throw new BadRequestException("measure is missing: pass one of " + Measure.NAMES);
            }
            return Measure.named(name).orElseThrow(() -> new BadRequestException(
                    "measure must be one of " + Measure.NAMES + ", got " + Arguments.quote(name)));
        }

        TimeWindow window(TimeWindow fallback) {
            String text = params.get("window");
            if (text == null || text.isEmpty()) {
                return fallback;
            }
            return TimeWindow.parse(text).orElseThrow(() -> new BadRequestException(
                    "window must be one of " + TimeWindow.NAMES + ", got " + Arguments.quote(text)));
        }

        int points() {
            String text = params.get("points");
            if (text == null || text.isEmpty()) {
                return DEFAULT_POINTS;
            }
            try {
                int points = Integer.parseInt(text);
                if (points >= MIN_POINTS && points <= MAX_POINTS) {
                    return points;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadRequestException("points must be a whole number from " + MIN_POINTS + " to "
                    + MAX_POINTS + ", got " + Arguments.quote(text));
        }

        /** @return the devices asked for; empty for all */
        Set<String> devices() {
            String text = params.get("devices");
            Set<String> devices = new LinkedHashSet<>();
            if (text == null) {
                return devices;
            }
            for (String item : text.split(",")) {
                String device = item.strip();
                if (device.isEmpty()) {
                    continue;
                }
                if (!AwsIotNames.isValidThingName(device)) {
                    throw new BadRequestException("devices must be thing names (letters, digits, ':', '_', '-') "
                            + "separated by commas, got " + Arguments.quote(device));
                }
                devices.add(device);
            }
            if (devices.size() > MAX_DEVICES_PER_QUERY) {
                throw new BadRequestException("devices may name at most " + MAX_DEVICES_PER_QUERY
                        + " devices, got " + devices.size());
            }
            return devices;
        }
    }
}
