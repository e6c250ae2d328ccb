package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled AWS IoT SQL statement: {@code [SET ...] SELECT ... FROM 'topic/filter' [WHERE ...]}.
 *
 * <pre>{@code
 * IotSql sql = IotSql.compile("SELECT state.reported.cpu_temp AS t FROM '$aws/things/+/shadow/update'",
 *         SqlVersion.V2015_10_08);
 * Optional<JsonNode> result = sql.evaluate(Message.of(topic, payload, clientId, Instant.now()));
 * }</pre>
 *
 * <p>Compiled once, evaluated many times: the syntax tree, the function lookups and the topic filter are all
 * resolved at compile time. Immutable and thread-safe.
 */
public final class IotSql {

    /** One SELECT item: {@code *} (no expression) or an expression and the path of its output key. */
    static final class Item {
        final Expr expr;
        final String[] alias;

        Item(Expr expr, String[] alias) {
            this.expr = expr;
            this.alias = alias;
        }
    }

    private final String sql;
    private final SqlVersion version;
    private final TopicFilter from;
    private final boolean selectValue;
    private final Item[] items;
    private final boolean hasStar;
    private final Expr where;
    private final String whereText;
    private final Expr[] setExprs;
    private final Map<String, Integer> variableSlots;

    IotSql(String sql, SqlVersion version, TopicFilter from, boolean selectValue, List<Item> items, Expr where,
            String whereText, Expr[] setExprs, List<String> variableNames) {
        this.sql = sql;
        this.version = version;
        this.from = from;
        this.selectValue = selectValue;
        this.items = items.toArray(new Item[0]);
        this.hasStar = items.stream().anyMatch(item -> item.expr == null);
        this.where = where;
        this.whereText = whereText;
        this.setExprs = setExprs;
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int i = 0; i < variableNames.size(); i++) {
            slots.put(variableNames.get(i), i);
        }
        this.variableSlots = Collections.unmodifiableMap(slots);
    }

    /**
     * @param sql the statement
     * @param version the SQL version it is evaluated with
     * @return it, compiled
     * @throws RuleSqlException for a syntax error, an unknown function or a feature {@code version} lacks
     */
    public static IotSql compile(String sql, SqlVersion version) {
        Objects.requireNonNull(sql, "sql must not be null");
        Objects.requireNonNull(version, "version must not be null");
        return Parser.statement(sql, version);
    }

    /** @return the statement's text */
    public String sql() {
        return sql;
    }

    /** @return the SQL version it is evaluated with */
    public SqlVersion version() {
        return version;
    }

    /** @return the FROM clause's topic filter */
    public TopicFilter from() {
        return from;
    }

    /** @return the WHERE clause's condition as written, if there is one */
    public Optional<String> where() {
        return Optional.ofNullable(whereText);
    }

    /**
     * @return the output keys of a SELECT without {@code *} (for a dotted alias, its first part), or empty when
     *     {@code *} or {@code SELECT VALUE} makes them depend on the message
     */
    public Optional<List<String>> outputNames() {
        if (hasStar || selectValue) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Item item : items) {
            if (!names.contains(item.alias[0])) {
                names.add(item.alias[0]);
            }
        }
        return Optional.of(names);
    }

    int variableCount() {
        return setExprs.length;
    }

    Map<String, Integer> variableSlots() {
        return variableSlots;
    }

    /**
     * Evaluates this statement alone, as the console's SQL tester does: topic filter, WHERE, SELECT. Use a
     * {@link RuleEngine} to evaluate rules and render their actions.
     *
     * @param message the message
     * @return the SELECT result, or empty when the topic filter or the WHERE clause does not let it through
     */
    public Optional<JsonNode> evaluate(Message message) {
        if (!from.matches(message.topic())) {
            return Optional.empty();
        }
        EvalContext c = new EvalContext(message, RuleEngine::randomUuid);
        if (enterAndWhere(c) != Values.TRUE) {
            return Optional.empty();
        }
        return Optional.of(select(c));
    }

    /**
     * Positions the context on this statement and runs the SET clause into its variables: what templates and
     * the other clauses then see.
     */
    void enter(EvalContext c) {
        c.enter(this);
        for (int i = 0; i < setExprs.length; i++) {
            c.vars[i] = setExprs[i].eval(c);
        }
    }

    /**
     * The first half of every evaluation, up to the decision; {@link #select} is the second.
     *
     * @return the WHERE clause's value after {@link #enter}: true (also without a WHERE clause), false, or
     *     Undefined (never a string or number here)
     */
    JsonNode enterAndWhere(EvalContext c) {
        enter(c);
        if (where == null) {
            return Values.TRUE;
        }
        JsonNode v = where.eval(c);
        return v.isBoolean() ? v : Values.UNDEFINED;
    }

    /** @return the SELECT result: an object, or for {@code SELECT VALUE} the value itself (maybe Undefined) */
    JsonNode select(EvalContext c) {
        if (selectValue) {
            JsonNode v = items[0].expr.eval(c);
            return c.v2 ? Values.normalizeDeep(v) : v;
        }
        ObjectNode out = Json.NODES.objectNode();
        for (Item item : items) {
            if (item.expr == null) {
                if (!c.root.isObject()) {
                    if (!c.message.isJson() && items.length == 1) {
                        return BinaryNode.valueOf(c.message.payloadBytes());
                    }
                    continue;
                }
                for (Map.Entry<String, JsonNode> e : c.root.properties()) {
                    out.set(e.getKey(), c.v2 ? Values.normalizeDeep(e.getValue()) : e.getValue());
                }
                continue;
            }
            JsonNode v = item.expr.eval(c);
            if (v.isMissingNode()) {
                continue;
            }
            if (c.v2 && v.isContainerNode()) {
                v = Values.normalizeDeep(v);
            }
            put(out, item.alias, v);
        }
        return out;
    }

    private static void put(ObjectNode out, String[] alias, JsonNode v) {
        ObjectNode target = out;
        for (int i = 0; i < alias.length - 1; i++) {
            JsonNode child = target.get(alias[i]);
            if (!(child instanceof ObjectNode)) {
                child = Json.NODES.objectNode();
                target.set(alias[i], child);
            }
            target = (ObjectNode) child;
        }
        target.set(alias[alias.length - 1], v);
    }

    @Override
    public String toString() {
        return sql;
    }
}
