package io.sysmon.examples.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Grafana dashboards and alert rules name only what the rules write, with units, and alert like SNS. */
class GrafanaTest {

    /** Grafana's unit id for each measure (packages/grafana-data/src/valueFormats/categories.ts). */
    static final Map<String, String> UNITS = Map.of(
            "cpu_usage", "percent",
            "ram_percent", "percent",
            "cpu_temp", "celsius",
            "cpu_freq", "rotmhz",
            "fan_speed", "rotrpm",
            "ram_usage", "bytes",
            "ram_total", "bytes");

    /** The panels the tutorial's dashboard needs. */
    static final Set<String> REQUIRED_PANELS = Set.of("cpu_usage", "cpu_temp", "cpu_freq", "ram_percent",
            "fan_speed");

    static Stream<Path> dashboards() {
        return CloudFiles.files(CloudFiles.GRAFANA.resolve("dashboards"), ".json").stream();
    }

    static Stream<Path> alertRuleFiles() {
        return CloudFiles.files(CloudFiles.GRAFANA.resolve("provisioning").resolve("alerting"), ".yaml").stream()
                .filter(p -> CloudFiles.yaml(p).has("groups"));
    }

    /** @return what a query may name besides the measures: the dimension, Timestream's columns, the tables */
    private static Set<String> allowedWords() {
        Set<String> allowed = new LinkedHashSet<>(CloudFiles.measures());
        allowed.add(CloudFiles.DEVICE_ID);
        allowed.addAll(List.of("measure_name", "measure_value"));
        JsonNode timestream = CloudFiles.ruleWith("timestream").action("timestream");
        allowed.add(timestream.path("databaseName").asText());
        allowed.add(timestream.path("tableName").asText());
        JsonNode influx = CloudFiles.ruleWith("influxDB").action("influxDB");
        allowed.add(influx.path("databaseName").asText());
        allowed.add(influx.path("tableName").asText());
        return allowed;
    }

    /** Checks one query against the rules and returns the measures it shows. */
    private static Set<String> checkQuery(String where, String query) {
        Set<String> measures = QueryText.measures(query);
        assertFalse(measures.isEmpty(), where + " selects no measure: " + query);
        assertTrue(CloudFiles.measures().containsAll(measures),
                where + " names " + measures + "; the rules write " + CloudFiles.measures());
        Set<String> unknown = new LinkedHashSet<>(QueryText.snakeCaseWords(query));
        unknown.removeAll(allowedWords());
        assertEquals(Set.of(), unknown, where + " names columns the rules do not write: " + query);
        assertTrue(query.contains(CloudFiles.DEVICE_ID), where + " keeps the series apart by device_id");
        if (query.contains("measure_name")) {
            JsonNode action = CloudFiles.ruleWith("timestream").action("timestream");
            String table = "\"" + action.path("databaseName").asText() + "\".\"" + action.path("tableName").asText()
                    + "\"";
            assertTrue(query.contains(table), where + " reads " + table);
        } else {
            JsonNode action = CloudFiles.ruleWith("influxDB").action("influxDB");
            assertTrue(query.contains("bucket: \"" + action.path("databaseName").asText() + "\""), where);
            assertTrue(query.contains("r._measurement == \"" + action.path("tableName").asText() + "\""), where);
        }
        return measures;
    }

    private static String queryOf(JsonNode model) {
        String query = model.path("rawQuery").asText(model.path("query").asText(null));
        assertNotNull(query, "no rawQuery (Timestream) or query (InfluxDB) in " + model);
        return query;
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelShowsWhatTheRulesWriteWithAUnitPerDevice(Path file) {
        JsonNode dashboard = CloudFiles.json(file);
        JsonNode device = null;
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("device".equals(variable.path("name").asText())) {
                device = variable;
            }
        }
        assertNotNull(device, file + " has no device variable");
        assertTrue(device.path("multi").asBoolean() && device.path("includeAll").asBoolean(), file.toString());
        assertTrue(device.path("query").toString().contains(CloudFiles.DEVICE_ID),
                file + ": the device variable lists device_id values");

        Set<String> shown = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            String where = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
            String unit = panel.path("fieldConfig").path("defaults").path("unit").asText("");
            assertFalse(unit.isBlank(), where + " has no unit");
            assertFalse(panel.path("targets").isEmpty(), where + " has no query");
            for (JsonNode target : panel.path("targets")) {
                String query = queryOf(target);
                Set<String> measures = checkQuery(where, query);
                assertTrue(query.contains("${device:") || query.contains("$device"),
                        where + " follows the device variable");
                for (String measure : measures) {
                    assertEquals(UNITS.get(measure), unit, where + ": the unit of " + measure);
                }
                shown.addAll(measures);
            }
        }
        assertTrue(shown.containsAll(REQUIRED_PANELS), file + " shows " + shown + ", not all of " + REQUIRED_PANELS);
    }

    @ParameterizedTest
    @MethodSource("alertRuleFiles")
    void alertRulesUseTheSnsRulesThresholds(Path file) {
        Map<String, Double> expected = CloudFiles.snsThresholds();
        assertEquals(Set.of("cpu_temp", "cpu_usage", "ram_percent"), expected.keySet(),
                "the SNS rule's thresholds as this test reads them");
        JsonNode root = CloudFiles.yaml(file);
        assertEquals(1, root.path("apiVersion").asInt(), file.toString());
        Set<String> dataSources = provisionedDataSourceUids();
        Set<String> receivers = contactPointNames();
        Map<String, Double> found = new LinkedHashMap<>();
        for (JsonNode group : root.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String where = file.getFileName() + " rule " + rule.path("uid").asText();
                Map<String, JsonNode> steps = new HashMap<>();
                rule.path("data").forEach(d -> steps.put(d.path("refId").asText(), d));
                JsonNode threshold = steps.get(rule.path("condition").asText());
                assertNotNull(threshold, where + ": no data step for its condition");
                assertEquals("threshold", threshold.path("model").path("type").asText(), where);
                JsonNode evaluator = threshold.path("model").path("conditions").path(0).path("evaluator");
                assertEquals("gt", evaluator.path("type").asText(), where + ": the SNS rule fires above");
                JsonNode reduce = steps.get(threshold.path("model").path("expression").asText());
                assertEquals("reduce", reduce.path("model").path("type").asText(), where);
                JsonNode query = steps.get(reduce.path("model").path("expression").asText());
                assertNotNull(query, where + ": the reduce step reads no query");
                assertTrue(dataSources.contains(query.path("datasourceUid").asText()),
                        where + " queries " + query.path("datasourceUid") + ", not a provisioned data source "
                                + dataSources);
                Set<String> measures = checkQuery(where, queryOf(query.path("model")));
                assertEquals(1, measures.size(), where);
                String measure = measures.iterator().next();
                if (found.put(measure, evaluator.path("params").path(0).asDouble()) != null) {
                    fail(where + ": a second rule for " + measure);
                }
                assertEquals(measure, rule.path("labels").path("measure").asText(), where);
                String receiver = rule.path("notification_settings").path("receiver").asText();
                assertTrue(receivers.contains(receiver), where + " notifies " + receiver + ", not one of "
                        + receivers);
                assertFalse(rule.path("annotations").toString().contains("$"),
                        where + ": Grafana may expand $NAME in provisioning files; use .Labels and .Values");
            }
        }
        assertEquals(expected, found, file + ": the thresholds of the SNS rule");
    }

    private static Set<String> provisionedDataSourceUids() {
        Set<String> uids = new LinkedHashSet<>();
        for (Path file : CloudFiles.files(CloudFiles.GRAFANA.resolve("provisioning").resolve("datasources"),
                ".yaml")) {
            JsonNode root = CloudFiles.yaml(file);
            assertEquals(1, root.path("apiVersion").asInt(), file.toString());
            root.path("datasources").forEach(ds -> uids.add(ds.path("uid").asText()));
        }
        return uids;
    }

    private static Set<String> contactPointNames() {
        Set<String> names = new LinkedHashSet<>();
        JsonNode root = CloudFiles.yaml(CloudFiles.GRAFANA.resolve(Path.of("provisioning", "alerting",
                "contact-points.yaml")));
        root.path("contactPoints").forEach(cp -> {
            names.add(cp.path("name").asText());
            assertFalse(cp.path("receivers").isEmpty(), cp.toString());
        });
        return names;
    }

    @Test
    void theDashboardsAndAlertsUseTheDataSourcesTheyProvision() {
        Map<String, String> types = new HashMap<>();
        for (Path file : CloudFiles.files(CloudFiles.GRAFANA.resolve("provisioning").resolve("datasources"),
                ".yaml")) {
            CloudFiles.yaml(file).path("datasources").forEach(ds -> types.put(ds.path("type").asText(),
                    ds.path("uid").asText()));
        }
        assertEquals(Set.of("grafana-timestream-datasource", "influxdb"), types.keySet());
        dashboards().forEach(file -> {
            JsonNode first = CloudFiles.json(file).path("templating").path("list").path(0);
            assertEquals("datasource", first.path("type").asText(), file + ": a data source variable, so that "
                    + "the dashboard works imported or provisioned");
            assertTrue(types.containsKey(first.path("query").asText()), file.toString());
        });
    }
}
