package io.sysmon.examples.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS IoT topic rule, read from the JSON that {@code aws iot create-topic-rule --rule-name NAME
 * --topic-rule-payload file://FILE} takes: {@code sql}, {@code description}, {@code ruleDisabled},
 * {@code awsIotSqlVersion} (default {@code 2015-10-08}, as on AWS), {@code actions} and {@code errorAction}.
 *
 * <pre>{@code
 * TopicRule rule = TopicRule.load(Path.of("examples/rules/shadow-to-timestream.json"));
 * List<RuleMatch> matches = new RuleEngine(List.of(rule)).evaluate(topic, payload, clientId, Instant.now());
 * }</pre>
 *
 * <p>Loading checks the whole file and reports every problem at once in a {@link RuleDefinitionException}; the
 * SQL and every substitution template are compiled then, once. Immutable and thread-safe.
 */
public final class TopicRule {

    private static final Set<String> FIELDS =
            Set.of("sql", "description", "ruleDisabled", "awsIotSqlVersion", "actions", "errorAction");
    private static final int MAX_ACTIONS = 10;

    private final String name;
    private final String description;
    private final boolean disabled;
    private final IotSql sql;
    private final List<RuleAction> actions;
    private final RuleAction errorAction;

    private TopicRule(String name, String description, boolean disabled, IotSql sql, List<RuleAction> actions,
            RuleAction errorAction) {
        this.name = name;
        this.description = description;
        this.disabled = disabled;
        this.sql = sql;
        this.actions = List.copyOf(actions);
        this.errorAction = errorAction;
    }

    /**
     * Reads a rule file. The rule is named after the file: {@code shadow-to-s3.json} gives
     * {@code shadow_to_s3} (AWS rule names allow only letters, digits and underscores).
     *
     * @param file the rule file
     * @return the rule
     * @throws IOException when the file cannot be read
     * @throws RuleDefinitionException naming the file and every problem in it
     */
    public static TopicRule load(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        String fileName = file.getFileName().toString();
        return parse(nameFor(fileName), json, file.toString());
    }

    /**
     * Reads a rule file from the class path, e.g. {@code rules/shadow-to-s3.json}.
     *
     * @param resource the resource's path, without a leading slash
     * @return the rule, named after the file
     * @throws IllegalArgumentException when there is no such resource
     * @throws RuleDefinitionException naming the resource and every problem in it
     */
    public static TopicRule loadResource(String resource) {
        ClassLoader loader = TopicRule.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the class path");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String fileName = resource.substring(resource.lastIndexOf('/') + 1);
            return parse(nameFor(fileName), json, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /**
     * @param json a rule file's content
     * @return the rule, named {@code rule}
     * @throws RuleDefinitionException naming every problem
     */
    public static TopicRule parse(String json) {
        return parse("rule", json, "rule");
    }

    /**
     * @param name the rule's name, as {@code --rule-name} gives it
     * @param json a rule file's content
     * @param source where it came from, for messages (a path)
     * @return the rule
     * @throws RuleDefinitionException naming {@code source} and every problem
     */
    public static TopicRule parse(String name, String json, String source) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(json, "json must not be null");
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new RuleDefinitionException(source, List.of("not valid JSON" + where + ": "
                    + firstSentence(e.getOriginalMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new RuleDefinitionException(source, List.of("must be a JSON object with sql and actions, as "
                    + "aws iot create-topic-rule --topic-rule-payload takes"));
        }
        if (root.has("topicRulePayload") || root.has("rule")) {
            problems.add("found '" + (root.has("rule") ? "rule" : "topicRulePayload") + "': the file must hold the "
                    + "rule payload itself, as aws iot create-topic-rule --topic-rule-payload file://FILE takes it");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field) && !field.equals("topicRulePayload") && !field.equals("rule")) {
                problems.add("unknown field '" + field + "'; expected sql, description, ruleDisabled, "
                        + "awsIotSqlVersion, actions, errorAction");
            }
        }

        SqlVersion version = SqlVersion.V2015_10_08;
        JsonNode versionNode = root.get("awsIotSqlVersion");
        if (versionNode != null) {
            SqlVersion v = versionNode.isTextual() ? SqlVersion.fromLabel(versionNode.textValue()) : null;
            if (v == null) {
                problems.add("awsIotSqlVersion must be 2015-10-08 or 2016-03-23, got " + versionNode);
            } else {
                version = v;
            }
        }

        IotSql sql = null;
        JsonNode sqlNode = root.get("sql");
        if (sqlNode == null) {
            problems.add("missing required field 'sql'");
        } else if (!sqlNode.isTextual() || sqlNode.textValue().isBlank()) {
            problems.add("'sql' must be a non-empty string");
        } else {
            try {
                sql = IotSql.compile(sqlNode.textValue(), version);
            } catch (RuleSqlException e) {
                problems.add("sql: " + e.getMessage());
            }
        }

        String description = null;
        JsonNode descriptionNode = root.get("description");
        if (descriptionNode != null) {
            if (descriptionNode.isTextual()) {
                description = descriptionNode.textValue();
            } else {
                problems.add("'description' must be a string");
            }
        }
        boolean disabled = false;
        JsonNode disabledNode = root.get("ruleDisabled");
        if (disabledNode != null) {
            if (disabledNode.isBoolean()) {
                disabled = disabledNode.booleanValue();
            } else {
                problems.add("'ruleDisabled' must be true or false");
            }
        }

        List<RuleAction> actions = new ArrayList<>();
        JsonNode actionsNode = root.get("actions");
        if (actionsNode == null) {
            problems.add("missing required field 'actions'");
        } else if (!actionsNode.isArray() || actionsNode.isEmpty()) {
            problems.add("'actions' must be a non-empty array of actions, e.g. [{\"s3\": {...}}]");
        } else if (actionsNode.size() > MAX_ACTIONS) {
            problems.add("'actions' has " + actionsNode.size() + " actions; AWS allows at most " + MAX_ACTIONS);
        } else {
            for (int i = 0; i < actionsNode.size(); i++) {
                RuleAction a = Actions.compile(actionsNode.get(i), "actions[" + i + "]", sql, version, problems);
                if (a != null) {
                    actions.add(a);
                }
            }
        }
        RuleAction errorAction = null;
        JsonNode errorNode = root.get("errorAction");
        if (errorNode != null && !errorNode.isNull()) {
            errorAction = Actions.compile(errorNode, "errorAction", sql, version, problems);
        }

        if (!problems.isEmpty()) {
            throw new RuleDefinitionException(source, problems);
        }
        return new TopicRule(name, description, disabled, sql, actions, errorAction);
    }

    /** Jackson's messages go on with the source and a position; the position is given separately. */
    private static String firstSentence(String message) {
        int cut = message.length();
        for (String end : new String[] {"\n", " (start marker", " at [Source"}) {
            int i = message.indexOf(end);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return message.substring(0, cut).strip();
    }

    /** @return an AWS rule name for a file name: its base name with every other character as {@code _} */
    static String nameFor(String fileName) {
        String base = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return base.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    /** @return the rule's name */
    public String name() {
        return name;
    }

    /** @return the description, if any */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @return whether {@code ruleDisabled} is true: a disabled rule never fires */
    public boolean disabled() {
        return disabled;
    }

    /** @return the compiled SQL */
    public IotSql sql() {
        return sql;
    }

    /** @return the SQL version */
    public SqlVersion sqlVersion() {
        return sql.version();
    }

    /** @return the actions, in order */
    public List<RuleAction> actions() {
        return actions;
    }

    /** @return the error action, if any */
    public Optional<RuleAction> errorAction() {
        return Optional.ofNullable(errorAction);
    }

    @Override
    public String toString() {
        return "TopicRule{" + name + ": " + sql.sql() + "}";
    }
}
