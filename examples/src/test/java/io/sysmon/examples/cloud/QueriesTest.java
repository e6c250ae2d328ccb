package io.sysmon.examples.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example queries read the tables the rules write, by the names the rules give. */
class QueriesTest {

    private static final Path TIMESTREAM = CloudFiles.QUERIES.resolve("timestream");
    private static final Path ATHENA = CloudFiles.QUERIES.resolve("athena");
    private static final Path INFLUXDB = CloudFiles.QUERIES.resolve("influxdb");
    private static final Pattern ALIAS = Pattern.compile("(?i)\\bAS\\s+([a-z_][a-z0-9_]*)");

    static Stream<Path> timestreamQueries() {
        return CloudFiles.files(TIMESTREAM, ".sql").stream();
    }

    static Stream<Path> athenaQueries() {
        return CloudFiles.files(ATHENA, ".sql").stream().filter(p -> !p.endsWith("create-table.sql"));
    }

    static Stream<Path> fluxQueries() {
        return CloudFiles.files(INFLUXDB, ".flux").stream();
    }

    private static String normalized(String sql) {
        return QueryText.withoutComments(sql).replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    @Test
    void latest20IsTheTutorialsQuery() {
        assertEquals(normalized("SELECT * FROM \"aws_iot_demo\".\"aws_iot_demo\" WHERE time between ago(15m) and "
                        + "now() ORDER BY time DESC LIMIT 20"),
                normalized(CloudFiles.text(TIMESTREAM.resolve("latest-20.sql"))));
    }

    @ParameterizedTest
    @MethodSource("timestreamQueries")
    void timestreamQueriesNameOnlyTheRulesMeasures(Path file) {
        String sql = CloudFiles.text(file);
        JsonNode action = CloudFiles.ruleWith("timestream").action("timestream");
        assertTrue(sql.contains("FROM \"" + action.path("databaseName").asText() + "\".\""
                + action.path("tableName").asText() + "\""), file + " reads the rule's table");
        assertTrue(CloudFiles.measures().containsAll(QueryText.measures(sql)), file + ": " + QueryText.measures(sql));
        Set<String> allowed = new LinkedHashSet<>(CloudFiles.measures());
        allowed.addAll(List.of(CloudFiles.DEVICE_ID, "measure_name", "measure_value",
                action.path("databaseName").asText(), action.path("tableName").asText()));
        allowed.addAll(aliases(sql));
        Set<String> unknown = QueryText.snakeCaseWords(sql);
        unknown.removeAll(allowed);
        assertEquals(Set.of(), unknown, file + " names what the rule does not write");
    }

    @Test
    void thePivotHasAColumnForEveryMeasure() {
        Set<String> measures = QueryText.measures(CloudFiles.text(TIMESTREAM.resolve("per-minute-pivot.sql")));
        assertEquals(CloudFiles.measures(), measures);
    }

    /** @return the Athena DDL's columns, partitions and table properties */
    private static Map<String, String> ddlColumns(String ddl, String section) {
        Matcher m = Pattern.compile("(?is)" + section + "\\s*\\((.*?)\\n\\)").matcher(ddl);
        assertTrue(m.find(), "no " + section + " (...) in create-table.sql");
        Map<String, String> columns = new LinkedHashMap<>();
        Matcher column = Pattern.compile("(?m)^\\s*`?([a-z_]+)`?\\s+([a-z]+)").matcher(m.group(1));
        while (column.find()) {
            columns.put(column.group(1), column.group(2));
        }
        return columns;
    }

    @Test
    void theAthenaDdlIsTheStacksGlueTable() {
        String ddl = CloudFiles.text(ATHENA.resolve("create-table.sql"));
        JsonNode table = CloudFiles.json(CloudFiles.TEMPLATE).path("Resources").path("GlueTable").path("Properties")
                .path("TableInput");
        JsonNode database = CloudFiles.json(CloudFiles.TEMPLATE).path("Resources").path("GlueDatabase")
                .path("Properties").path("DatabaseInput");
        String name = database.path("Name").asText() + "." + table.path("Name").asText();
        assertTrue(ddl.contains("CREATE EXTERNAL TABLE IF NOT EXISTS " + name + " ("), name);

        assertEquals(glueColumns(table.path("StorageDescriptor").path("Columns")),
                ddlColumns(ddl, "CREATE EXTERNAL TABLE IF NOT EXISTS " + Pattern.quote(name)));
        assertEquals(glueColumns(table.path("PartitionKeys")), ddlColumns(ddl, "PARTITIONED BY"));
        assertTrue(ddl.contains("'" + table.path("StorageDescriptor").path("SerdeInfo").path("SerializationLibrary")
                .asText() + "'"));

        Map<String, String> properties = new LinkedHashMap<>();
        Matcher p = Pattern.compile("'([a-z][a-z._]*)' = '([^']*)'").matcher(ddl.substring(
                ddl.indexOf("\nTBLPROPERTIES (")));
        while (p.find()) {
            properties.put(p.group(1), p.group(2));
        }
        List<String> glueKeys = CloudFiles.fieldNames(table.path("Parameters"));
        assertEquals(glueKeys, new ArrayList<>(properties.keySet()), "the same table properties, in order");
        table.path("Parameters").properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                assertEquals(e.getValue().asText(), properties.get(e.getKey()), e.getKey());
            }
        });
        assertEquals("s3://sysmon-metrics-123456789012/device_id=${device_id}/date=${date}/",
                properties.get("storage.location.template"), "the S3 rule's key layout in its placeholder bucket");
    }

    private static Map<String, String> glueColumns(JsonNode columns) {
        Map<String, String> result = new LinkedHashMap<>();
        columns.forEach(c -> result.put(c.path("Name").asText(), c.path("Type").asText()));
        return result;
    }

    @ParameterizedTest
    @MethodSource("athenaQueries")
    void athenaQueriesNameOnlyTheTablesColumns(Path file) {
        String sql = CloudFiles.text(file);
        assertTrue(sql.contains("FROM aws_iot_demo.device_metrics"), file.toString());
        JsonNode table = CloudFiles.json(CloudFiles.TEMPLATE).path("Resources").path("GlueTable").path("Properties")
                .path("TableInput");
        Set<String> allowed = new LinkedHashSet<>();
        allowed.addAll(glueColumns(table.path("StorageDescriptor").path("Columns")).keySet());
        allowed.addAll(glueColumns(table.path("PartitionKeys")).keySet());
        allowed.addAll(List.of("aws_iot_demo", "device_metrics", "from_unixtime", "date_trunc", "date_format",
                "current_date", "current_timestamp"));
        allowed.addAll(aliases(sql));
        Set<String> unknown = QueryText.snakeCaseWords(sql);
        unknown.removeAll(allowed);
        assertEquals(Set.of(), unknown, file + " names what the S3 rule does not write");
    }

    @ParameterizedTest
    @MethodSource("fluxQueries")
    void fluxQueriesReadTheInfluxRulesBucketAndFields(Path file) {
        String flux = CloudFiles.text(file);
        CloudFiles.Rule rule = CloudFiles.ruleWith("influxDB");
        JsonNode action = rule.action("influxDB");
        assertTrue(flux.contains("from(bucket: \"" + action.path("databaseName").asText() + "\")"), file.toString());
        assertTrue(flux.contains("r._measurement == \"" + action.path("tableName").asText() + "\""),
                file.toString());
        Set<String> fields = new LinkedHashSet<>(rule.selectNames());
        fields.remove("timestamp"); // the point's time, not a field
        Set<String> allowed = new LinkedHashSet<>(fields);
        allowed.add(action.path("databaseName").asText());
        action.path("tags").fieldNames().forEachRemaining(allowed::add);
        assertTrue(allowed.contains(CloudFiles.DEVICE_ID), "the InfluxDB rule tags device_id");
        Set<String> unknown = QueryText.snakeCaseWords(flux);
        unknown.removeAll(allowed);
        assertEquals(Set.of(), unknown, file + " names what the InfluxDB rule does not write");
        assertTrue(fields.containsAll(QueryText.measures(flux)), file.toString());
    }

    private static Set<String> aliases(String sql) {
        Set<String> aliases = new LinkedHashSet<>();
        Matcher m = ALIAS.matcher(sql);
        while (m.find()) {
            aliases.add(m.group(1));
        }
        assertFalse(aliases.contains("time"), "time is reserved in Timestream");
        return aliases;
    }
}
