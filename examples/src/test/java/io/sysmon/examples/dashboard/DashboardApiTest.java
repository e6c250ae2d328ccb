package io.sysmon.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sysmon.examples.alerts.Alert;
import io.sysmon.examples.store.MetricsQuery;
import io.sysmon.examples.store.SeriesPoint;
import io.sysmon.examples.store.TimeSeriesStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON API over real HTTP on 127.0.0.1, over the real time-series store (its gap and bucketing rules are the
 * ones the dashboard shows) and an in-memory double for the alert log.
 */
class DashboardApiTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SHADOW_A = "{\"state\":{\"reported\":{\"cpu_usage\":12.5,\"interval\":10}},"
            + "\"version\":7}";

    private static final InMemoryAlerts ALERTS = new InMemoryAlerts();
    @TempDir
    static Path dataDir;
    private static TimeSeriesStore store;
    private static DashboardServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        store = TimeSeriesStore.open(dataDir, CLOCK);
        for (int i = 59; i >= 0; i--) {
            Instant t = NOW.minusSeconds(10L * i);
            StoreRecords.write(store, "dev_a", t, Map.of("cpu_usage", 10 + i / 3.0, "cpu_temp", 50.25));
            if (i < 20 || i > 40) { // dev_b was silent for 200 s
                StoreRecords.write(store, "dev_b", t, Map.of("cpu_usage", 80.0));
            }
        }
        // outside a 1 h window
        StoreRecords.write(store, "dev_c", NOW.minus(Duration.ofHours(3)), Map.of("cpu_usage", 5.0));
        StoreRecords.write(store, "dev_odd", NOW.minusSeconds(5), Map.of("cpu_freq", 2400L));
        ALERTS.add(new Alert("dev_b", "shadow-alerts-to-sns", "dev_b: cpu_usage 95.0 % > 90 %",
                NOW.minusSeconds(120), Optional.empty()));
        ALERTS.add(new Alert("dev_a", "shadow-alerts-to-sns", "dev_a: cpu_temp 88.3 °C > 80 °C",
                NOW.minusSeconds(3600), Optional.of(NOW.minusSeconds(3000))));
        Map<String, String> shadows = Map.of("dev_a", SHADOW_A, "dev_b", "not json {");
        server = DashboardServer.builder().bindAddress("127.0.0.1").port(0).metrics(store).alerts(ALERTS)
                .shadows(device -> {
                    if (device.equals("dev_c")) {
                        throw new IllegalStateException("the local endpoint is not running");
                    }
                    return Optional.ofNullable(shadows.get(device));
                })
                .clock(CLOCK).build().start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void measuresListTheChartedOnesFirstWithUnitsAndLabels() throws Exception {
        JsonNode measures = http.json("/api/measures");
        List<String> charted = new ArrayList<>();
        measures.forEach(m -> {
            if (m.get("chart").asBoolean()) {
                charted.add(m.get("measure").asText() + " " + m.get("unit").asText());
            }
        });
        assertEquals(List.of("cpu_usage %", "cpu_temp °C", "cpu_freq MHz", "ram_percent %", "fan_speed rpm"),
                charted);
        assertEquals(7, measures.size());
        assertEquals("CPU temperature", measures.get(1).get("label").asText());
        assertEquals("bytes", measures.get(5).get("unit").asText());
    }

    @Test
    void devicesCarryLastSeenAndTheShadowDocument() throws Exception {
        JsonNode devices = http.json("/api/devices");
        assertEquals(4, devices.size());
        JsonNode a = devices.get(0);
        assertEquals("dev_a", a.get("device").asText());
        assertEquals(NOW.toString(), a.get("lastSeen").asText());
        assertEquals(12.5, a.get("shadow").get("state").get("reported").get("cpu_usage").asDouble());
        assertEquals(7, a.get("shadow").get("version").asInt());
        assertTrue(devices.get(1).get("shadow").isNull(), "a shadow that is not JSON shows as null");
        assertEquals("dev_c", devices.get(2).get("device").asText());
        assertTrue(devices.get(2).get("shadow").isNull(), "a failing shadow lookup shows as null, not a 500");
        assertEquals(NOW.minus(Duration.ofHours(3)).toString(), devices.get(2).get("lastSeen").asText());
        assertTrue(devices.get(3).get("shadow").isNull(), "no shadow document");
    }

    @Test
    void seriesHasOnePairListPerDeviceWithNullInGaps() throws Exception {
        JsonNode body = http.json("/api/series?measure=cpu_usage");
        assertEquals("cpu_usage", body.get("measure").asText());
        assertEquals("%", body.get("unit").asText());
        assertEquals(NOW.toEpochMilli(), body.get("to").asLong());
        assertEquals(NOW.minus(Duration.ofHours(1)).toEpochMilli(), body.get("from").asLong(), "1 h by default");
        JsonNode series = body.get("series");
        assertEquals(List.of("dev_a", "dev_b"), names(series), "dev_c has nothing in the window");
        JsonNode a = series.get("dev_a");
        assertEquals(60, a.size());
        assertEquals(NOW.minusSeconds(590).toEpochMilli(), a.get(0).get(0).asLong());
        assertEquals(29.667, a.get(0).get(1).asDouble(), 0.0, "rounded to 3 decimals");
        assertEquals(10.0, a.get(59).get(1).asDouble());
        JsonNode b = series.get("dev_b");
        long gaps = 0;
        for (JsonNode point : b) {
            assertEquals(2, point.size());
            if (point.get(1).isNull()) {
                gaps++;
                long at = point.get(0).asLong();
                assertTrue(at > NOW.minusSeconds(410).toEpochMilli() && at < NOW.minusSeconds(190).toEpochMilli(),
                        "the null lies between dev_b's last point before the silence and its first after: " + b);
            }
        }
        assertEquals(1, gaps, "one null where dev_b was silent");
        assertEquals(40, b.size(), "dev_b's 39 points and the null");
    }

    @Test
    void seriesTakesWindowDevicesAndPoints() throws Exception {
        JsonNode body = http.json("/api/series?measure=cpu_usage&window=24h&devices=dev_c,%20dev_a&points=10");
        assertEquals(NOW.minus(Duration.ofHours(24)).toEpochMilli(), body.get("from").asLong());
        assertEquals(List.of("dev_a", "dev_c"), names(body.get("series")));
        JsonNode bucketed = body.get("series").get("dev_a");
        assertTrue(bucketed.size() <= 10, "bucketed to at most 10 points");
        assertTrue(bucketed.size() >= 2, "averaged into buckets, not dropped: " + bucketed);
        for (JsonNode point : bucketed) {
            double average = point.get(1).asDouble();
            assertTrue(average >= 10 && average <= 29.667, "a bucket's mean lies within dev_a's values: " + point);
        }
        assertEquals(1, body.get("series").get("dev_c").size());

        JsonNode week = http.json("/api/series?measure=cpu_usage&window=7d&devices=");
        assertEquals(List.of("dev_a", "dev_b", "dev_c"), names(week.get("series")), "an empty devices is all");

        JsonNode fiveMinutes = http.json("/api/series?measure=cpu_temp&window=5m&devices=dev_a");
        assertEquals(NOW.minus(Duration.ofMinutes(5)).toEpochMilli(), fiveMinutes.get("from").asLong());
        assertEquals(31, fiveMinutes.get("series").get("dev_a").size());
        assertEquals("°C", fiveMinutes.get("unit").asText());
    }

    @Test
    void aNonFiniteValueIsAGap() throws Exception {
        // The store refuses non-finite values, so only another MetricsQuery can hand one over; NaN is not JSON.
        MetricsQuery odd = new MetricsQuery() {
            @Override
            public Set<String> devices() {
                return Set.of("dev_odd");
            }

            @Override
            public Set<String> measures() {
                return Set.of("cpu_freq");
            }

            @Override
            public Optional<Instant> lastSeen(String device) {
                return Optional.of(NOW.minusSeconds(5));
            }

            @Override
            public Map<String, List<SeriesPoint>> series(String measure, Instant from, Instant to,
                    Set<String> devices, int maxPoints) {
                return Map.of("dev_odd", List.of(new SeriesPoint(NOW.minusSeconds(5).toEpochMilli(), Double.NaN),
                        new SeriesPoint(NOW.toEpochMilli(), Double.POSITIVE_INFINITY)));
            }
        };
        try (DashboardServer oddServer = DashboardServer.builder().bindAddress("127.0.0.1").port(0).metrics(odd)
                .alerts(ALERTS).clock(CLOCK).build().start()) {
            JsonNode body = new Http(oddServer).json("/api/series?measure=cpu_freq&window=5m");
            assertTrue(body.get("series").get("dev_odd").get(0).get(1).isNull());
            assertTrue(body.get("series").get("dev_odd").get(1).get(1).isNull());
        }
    }

    @Test
    void alertsAreFiringAndResolvedWithTimes() throws Exception {
        JsonNode alerts = http.json("/api/alerts");
        assertEquals(NOW.minus(Duration.ofHours(24)), ALERTS.lastSince, "24 h by default");
        assertEquals(2, alerts.size());
        JsonNode firing = alerts.get(0);
        assertEquals("dev_b", firing.get("device").asText());
        assertEquals("shadow-alerts-to-sns", firing.get("rule").asText());
        assertEquals("dev_b: cpu_usage 95.0 % > 90 %", firing.get("message").asText());
        assertEquals(NOW.minusSeconds(120).toString(), firing.get("firedAt").asText());
        assertTrue(firing.get("resolvedAt").isNull());
        assertTrue(firing.get("firing").asBoolean());
        JsonNode resolved = alerts.get(1);
        assertEquals("dev_a: cpu_temp 88.3 °C > 80 °C", resolved.get("message").asText());
        assertEquals(NOW.minusSeconds(3000).toString(), resolved.get("resolvedAt").asText());
        assertFalse(resolved.get("firing").asBoolean());

        http.json("/api/alerts?window=15m");
        assertEquals(NOW.minus(Duration.ofMinutes(15)), ALERTS.lastSince);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/api/series?measure=cpu_usage&window=2x | window must be one of 5m, 15m, 1h, 6h, 24h, 7d, got '2x'",
        "/api/alerts?window=1d | window must be one of 5m, 15m, 1h, 6h, 24h, 7d, got '1d'",
        "/api/series | measure is missing: pass one of cpu_usage, cpu_temp, cpu_freq, ram_percent, fan_speed, "
                + "ram_usage, ram_total",
        "/api/series?measure=gpu | measure must be one of cpu_usage, cpu_temp, cpu_freq, ram_percent, fan_speed, "
                + "ram_usage, ram_total, got 'gpu'",
        "/api/series?measure=cpu_usage&points=1 | points must be a whole number from 2 to 2000, got '1'",
        "/api/series?measure=cpu_usage&points=2001 | points must be a whole number from 2 to 2000, got '2001'",
        "/api/series?measure=cpu_usage&points=many | points must be a whole number from 2 to 2000, got 'many'",
        "/api/series?measure=cpu_usage&devices=a%20b | devices must be thing names (letters, digits, ':', '_', "
                + "'-') separated by commas, got 'a b'",
    })
    void badParametersAre400WithOneLine(String request, String error) throws Exception {
        HttpResponse<byte[]> response = http.get(request);
        assertEquals(400, response.statusCode(), Http.text(response));
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").get());
        assertEquals(error, Http.json(response).get("error").asText());
    }

    @Test
    void aBadEscapeIs400() throws Exception {
        assertEquals(400, Http.rawStatus(server, "/api/series?measure=cpu%zz"));
        DashboardApi.BadRequestException e = assertThrows(DashboardApi.BadRequestException.class,
                () -> DashboardApi.Query.parse("window=1h&measure=cpu%zz"));
        assertEquals("the query string has a bad %-escape in 'cpu%zz'", e.getMessage());
    }

    @Test
    void unknownPathsAre404Json() throws Exception {
        for (String path : List.of("/api/nope", "/api", "/nope", "/api/series/x")) {
            HttpResponse<byte[]> response = http.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(Http.json(response).get("error").asText().startsWith("no such"), Http.text(response));
        }
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "HEAD")) {
            HttpResponse<byte[]> response = http.send(method, "/api/devices");
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET", response.headers().firstValue("Allow").orElse(""));
            if (!method.equals("HEAD")) {
                assertEquals("method '" + method + "' is not allowed: the dashboard answers GET only",
                        Http.json(response).get("error").asText());
            }
        }
    }

    @Test
    void theApiIsNeverCachedAndSaysItIsJson() throws Exception {
        for (String path : List.of("/api/devices", "/api/series?measure=cpu_usage", "/api/alerts", "/api/measures",
                "/api/series?window=x")) {
            HttpResponse<byte[]> response = http.get(path);
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), path);
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").get());
        }
    }

    @Test
    void seriesAreGzippedWhenTheClientAcceptsIt() throws Exception {
        String path = "/api/series?measure=cpu_usage&window=24h";
        HttpResponse<byte[]> plain = http.get(path);
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty());
        assertTrue(plain.body().length > 1024, "big enough to be worth it");

        HttpResponse<byte[]> gzipped = http.get(path, "Accept-Encoding", "br, gzip;q=0.8");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(gzipped.body().length < plain.body().length / 2, gzipped.body().length + " bytes");
        assertArrayEquals(plain.body(), gunzip(gzipped.body()));

        HttpResponse<byte[]> refused = http.get(path, "Accept-Encoding", "gzip;q=0, identity");
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
    }

    @Test
    void acceptEncodingIsParsed() {
        assertTrue(Response.acceptsGzip(List.of("gzip")));
        assertTrue(Response.acceptsGzip(List.of("deflate, GZIP")));
        assertTrue(Response.acceptsGzip(List.of("*")));
        assertTrue(Response.acceptsGzip(List.of("gzip; q=0.5")));
        assertFalse(Response.acceptsGzip(null));
        assertFalse(Response.acceptsGzip(List.of("br")));
        assertFalse(Response.acceptsGzip(List.of("gzip;q=0")));
        assertFalse(Response.acceptsGzip(List.of("gzip;q=0.0")));
        assertFalse(Response.acceptsGzip(List.of("gzip;q=junk")));
        assertFalse(Response.acceptsGzip(List.of("x-gzip2")));
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
