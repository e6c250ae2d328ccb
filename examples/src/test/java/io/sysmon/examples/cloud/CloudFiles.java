package io.sysmon.examples.cloud;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cloud-side files as the tests read them from disk (the tests run in the examples module's directory), and
 * what the rules in {@code rules/} say: the one source of truth the dashboards, alerts, queries and stack must
 * agree with.
 */
final class CloudFiles {

    static final Path RULES = Path.of("rules");
    static final Path POLICIES = Path.of("policies");
    static final Path TEMPLATE = Path.of("cloudformation", "sysmon-cloud.json");
    static final Path QUERIES = Path.of("queries");
    static final Path GRAFANA = Path.of("grafana");

    /** The one dimension (Timestream) / tag (InfluxDB) / partition (S3) every rule writes. */
    static final String DEVICE_ID = "device_id";

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ObjectMapper YAML = new YAMLMapper();

    private static final Pattern SELECT = Pattern.compile("(?is)^\\s*SELECT\\s+(.*?)\\s+FROM\\s+'([^']*)'(.*)$");
    private static final Pattern ALIAS = Pattern.compile("(?i)\\bAS\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*$");

    private CloudFiles() {
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file.toAbsolutePath(), e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + json, e);
        }
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file.toAbsolutePath(), e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    static List<Path> files(Path dir, String suffix) {
        assertTrue(Files.isDirectory(dir), dir.toAbsolutePath() + " is missing");
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule file in AWS's create-topic-rule format ({@code aws iot create-topic-rule --topic-rule-payload}). */
    record Rule(Path file, JsonNode payload) {

        String sql() {
            return payload.path("sql").asText();
        }

        String sqlVersion() {
            return payload.path("awsIotSqlVersion").asText();
        }

        /** @return the action kinds, e.g. {@code [timestream]}, in the API's spelling */
        Set<String> actionKinds() {
            Set<String> kinds = new LinkedHashSet<>();
            payload.path("actions").forEach(a -> a.fieldNames().forEachRemaining(kinds::add));
            return kinds;
        }

        /** @return the first action of that kind, e.g. {@code timestream} */
        JsonNode action(String kind) {
            for (JsonNode a : payload.path("actions")) {
                if (a.has(kind)) {
                    return a.get(kind);
                }
            }
            return fail(file + " has no " + kind + " action");
        }

        boolean has(String kind) {
            return actionKinds().contains(kind);
        }

        /** @return the SELECT list's output names: the alias after AS, else the field's last path segment */
        List<String> selectNames() {
            Matcher m = SELECT.matcher(sql());
            assertTrue(m.matches(), file + ": cannot read the SELECT ... FROM '...' of " + sql());
            List<String> names = new ArrayList<>();
            for (String item : splitTopLevel(m.group(1))) {
                Matcher alias = ALIAS.matcher(item.strip());
                if (alias.find()) {
                    names.add(alias.group(1));
                } else {
                    String[] path = item.strip().split("\\.");
                    names.add(path[path.length - 1]);
                }
            }
            return names;
        }

        String topicFilter() {
            Matcher m = SELECT.matcher(sql());
            assertTrue(m.matches(), file + ": cannot read the FROM of " + sql());
            return m.group(2);
        }

        /** @return what follows the FROM clause, e.g. {@code WHERE ...} */
        String afterFrom() {
            Matcher m = SELECT.matcher(sql());
            assertTrue(m.matches(), file + ": cannot read " + sql());
            return m.group(3).strip();
        }
    }

    /** @return every rule in {@code rules/}, by file name */
    static Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Path file : files(RULES, ".json")) {
            JsonNode root = json(file);
            // The bare payload, or {"ruleName": ..., "topicRulePayload": {...}} for --cli-input-json.
            JsonNode payload = root.has("topicRulePayload") ? root.get("topicRulePayload") : root;
            assertTrue(payload.has("sql"), file + " has no sql");
            rules.put(file.getFileName().toString(), new Rule(file, payload));
        }
        assertTrue(!rules.isEmpty(), "no rule files in " + RULES.toAbsolutePath());
        return rules;
    }

    /** @return the one rule with an action of that kind, e.g. {@code timestream} */
    static Rule ruleWith(String kind) {
        List<Rule> found = rules().values().stream().filter(r -> r.has(kind)).toList();
        if (found.size() != 1) {
            fail("expected one rule with a " + kind + " action in " + RULES.toAbsolutePath() + ", found "
                    + found.stream().map(r -> r.file().getFileName().toString()).toList());
        }
        return found.get(0);
    }

    /**
     * @return the measures the Timestream rule writes: its SELECT aliases (one record per attribute of the
     *     result), which the dashboards, alerts and queries may name
     */
    static Set<String> measures() {
        Set<String> measures = new LinkedHashSet<>(ruleWith("timestream").selectNames());
        measures.remove(DEVICE_ID); // a dimension, if the rule also selects it
        return measures;
    }

    /**
     * Reads the alert thresholds out of the SNS rule's SQL: each comparison of a reported field with a number or
     * a {@code SET @variable}, e.g. {@code state.reported.cpu_temp > @cpu_temp_max} with {@code @cpu_temp_max =
     * 80}, and the percentage form {@code state.reported.ram_usage * 100 > state.reported.ram_total * @ram_max},
     * which is the measure whose Timestream expression divides the one field by the other (ram_percent).
     *
     * @return measure name to threshold, e.g. {@code cpu_temp -> 80}
     */
    static Map<String, Double> snsThresholds() {
        String sql = ruleWith("sns").sql();
        Map<String, Double> variables = new LinkedHashMap<>();
        Matcher set = Pattern.compile("@(\\w+)\\s*=\\s*(-?[0-9]+(?:\\.[0-9]+)?)(?![0-9.]*\\s*[*/+-])").matcher(sql);
        while (set.find()) {
            variables.put(set.group(1), Double.parseDouble(set.group(2)));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Matcher above = Pattern.compile("state\\.reported\\.(\\w+)\\s*>\\s*(@\\w+|-?[0-9]+(?:\\.[0-9]+)?)")
                .matcher(sql);
        while (above.find()) {
            thresholds.put(above.group(1), value(above.group(2), variables, sql));
        }
        Matcher percent = Pattern.compile("state\\.reported\\.(\\w+)\\s*\\*\\s*100\\s*>\\s*state\\.reported\\.(\\w+)"
                + "\\s*\\*\\s*(@\\w+|[0-9]+(?:\\.[0-9]+)?)").matcher(sql);
        while (percent.find()) {
            thresholds.put(ratioMeasure(percent.group(1), percent.group(2)), value(percent.group(3), variables, sql));
        }
        assertTrue(!thresholds.isEmpty(), "no threshold found in the SNS rule's SQL: " + sql);
        return thresholds;
    }

    private static double value(String literalOrVariable, Map<String, Double> variables, String sql) {
        if (!literalOrVariable.startsWith("@")) {
            return Double.parseDouble(literalOrVariable);
        }
        Double v = variables.get(literalOrVariable.substring(1));
        assertTrue(v != null, "the SNS rule compares with " + literalOrVariable + " but sets no number to it: " + sql);
        return v;
    }

    /** @return the Timestream measure computed as {@code numerator / denominator}, e.g. ram_percent */
    private static String ratioMeasure(String numerator, String denominator) {
        Rule timestream = ruleWith("timestream");
        Matcher m = SELECT.matcher(timestream.sql());
        assertTrue(m.matches(), timestream.sql());
        Pattern ratio = Pattern.compile("state\\.reported\\." + numerator + "\\b.*/\\s*state\\.reported\\."
                + denominator + "\\b");
        for (String item : splitTopLevel(m.group(1))) {
            Matcher alias = ALIAS.matcher(item.strip());
            if (ratio.matcher(item).find() && alias.find()) {
                return alias.group(1);
            }
        }
        return fail("the SNS rule alerts on " + numerator + " / " + denominator + ", which the Timestream rule does "
                + "not write as a measure");
    }

    /** Splits a SELECT list at commas outside parentheses and quotes. */
    static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        items.add(list.substring(start));
        return items;
    }

    /** @return every field name of an object node, in order */
    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
