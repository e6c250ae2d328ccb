package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in functions, with the argument conversions and results of AWS's function reference. A function
 * given arguments of the wrong type or number returns Undefined, as on AWS.
 */
final class Functions {

    /** A function's implementation; it evaluates the argument expressions it needs. */
    @FunctionalInterface
    interface Impl {
        JsonNode apply(EvalContext c, Expr[] args);
    }

    /** A built-in function: its name, how many arguments it takes and the first SQL version that has it. */
    static final class Fn {
        final String name;
        final int minArgs;
        final int maxArgs;
        final SqlVersion since;
        final Impl impl;

        Fn(String name, int minArgs, int maxArgs, SqlVersion since, Impl impl) {
            this.name = name;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
            this.since = since;
            this.impl = impl;
        }
    }

    private static final Map<String, Fn> FUNCTIONS = new HashMap<>();

    /** AWS functions this offline engine does not implement: named as such rather than as unknown. */
    static final Set<String> NOT_SUPPORTED = Set.of(
            "accountid", "acos", "asin", "atan", "atan2", "aws_lambda", "bitand", "bitor", "bitxor", "bitnot",
            "chr", "cos", "cosh", "decode", "encode", "exp", "get_dynamodb", "get_mqtt_property", "get_secret",
            "get_thing_shadow", "get_registry_data", "get_user_properties", "md2", "md5", "sha1", "sha224",
            "sha256", "sha384", "sha512", "ln", "log", "lpad", "rpad", "machinelearning_predict", "numbytes",
            "principal", "rand", "regexp_matches", "regexp_replace", "regexp_substr", "remainder", "sin", "sinh",
            "tan", "tanh", "time_to_epoch", "transform", "sourceip");

    private static final SqlVersion V1 = SqlVersion.V2015_10_08;
    private static final SqlVersion V2 = SqlVersion.V2016_03_23;

    static {
        // Message and context.
        define("newuuid", 0, 0, V1, (c, a) -> TextNode.valueOf(c.uuids.get().toString()));
        define("timestamp", 0, 0, V1, (c, a) -> LongNode.valueOf(c.nowMillis));
        define("clientid", 0, 0, V1, (c, a) -> TextNode.valueOf(c.message.clientId()));
        define("topic", 0, 1, V1, Functions::topic);
        define("sql_version", 0, 0, V1, (c, a) -> TextNode.valueOf(c.version.label()));
        define("traceid", 0, 0, V1, (c, a) -> Values.UNDEFINED);
        // Numbers.
        define("abs", 1, 1, V1, Functions::abs);
        define("ceil", 1, 1, V1, (c, a) -> toInt(a[0].eval(c), RoundingMode.CEILING));
        define("floor", 1, 1, V1, (c, a) -> toInt(a[0].eval(c), RoundingMode.FLOOR));
        define("round", 1, 1, V1, (c, a) -> toInt(a[0].eval(c), RoundingMode.HALF_UP));
        define("sign", 1, 1, V1, Functions::sign);
        define("trunc", 2, 2, V1, Functions::trunc);
        define("mod", 2, 2, V1, (c, a) -> Values.arithmetic(Values.MOD, a[0].eval(c), a[1].eval(c), c.v2));
        define("power", 2, 2, V1, (c, a) -> decimalOf(c, a, (x, y) -> Math.pow(x, y)));
        define("sqrt", 1, 1, V1, (c, a) -> {
            double x = Values.toDecimal(a[0].eval(c));
            return x < 0 ? Values.UNDEFINED : Values.decimal(Math.sqrt(x), c.v2);
        });
        define("nanvl", 2, 2, V1, (c, a) -> {
            JsonNode x = a[0].eval(c);
            return x.isMissingNode() || x.isNull() ? a[1].eval(c) : x;
        });
        // Strings.
        define("concat", 0, Integer.MAX_VALUE, V1, Functions::concat);
        define("lower", 1, 1, V1, (c, a) -> text(a[0].eval(c), s -> s.toLowerCase(Locale.ROOT)));
        define("upper", 1, 1, V1, (c, a) -> text(a[0].eval(c), s -> s.toUpperCase(Locale.ROOT)));
        define("trim", 1, 1, V1, (c, a) -> text(a[0].eval(c), String::strip));
        define("ltrim", 1, 1, V1, (c, a) -> text(a[0].eval(c), String::stripLeading));
        define("rtrim", 1, 1, V1, (c, a) -> text(a[0].eval(c), String::stripTrailing));
        define("substring", 2, 3, V1, Functions::substring);
        define("length", 1, 1, V2, (c, a) -> {
            String s = Values.toText(a[0].eval(c));
            return s == null ? Values.UNDEFINED : LongNode.valueOf(s.codePointCount(0, s.length()));
        });
        define("startswith", 2, 2, V1, (c, a) -> twoTexts(c, a, (s, t) -> Values.bool(s.startsWith(t))));
        define("endswith", 2, 2, V1, (c, a) -> twoTexts(c, a, (s, t) -> Values.bool(s.endsWith(t))));
        define("indexof", 2, 2, V1, (c, a) -> twoTexts(c, a, (s, t) -> LongNode.valueOf(s.indexOf(t))));
        define("replace", 3, 3, V1, (c, a) -> {
            String s = Values.toText(a[0].eval(c));
            String from = Values.toText(a[1].eval(c));
            String to = Values.toText(a[2].eval(c));
            return s == null || from == null || to == null ? Values.UNDEFINED
                    : TextNode.valueOf(s.replace(from, to));
        });
        // Types.
        define("isnull", 1, 1, V1, (c, a) -> Values.bool(a[0].eval(c).isNull()));
        define("isundefined", 1, 1, V2, (c, a) -> Values.bool(a[0].eval(c).isMissingNode()));
        define("get", 2, 2, V1, Functions::get);
        // Time.
        define("parse_time", 2, 3, V2, Functions::parseTime);
    }

    private Functions() {
    }

    private static void define(String name, int min, int max, SqlVersion since, Impl impl) {
        FUNCTIONS.put(name, new Fn(name, min, max, since, impl));
    }

    /** @return the function named, in any case, or null */
    static Fn lookup(String name) {
        return FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
    }

    // ---- implementations -------------------------------------------------------------------------------------

    private static JsonNode topic(EvalContext c, Expr[] a) {
        if (a.length == 0) {
            return TextNode.valueOf(c.message.topic());
        }
        double n = Values.toDecimal(a[0].eval(c));
        JsonNode level = Double.isNaN(n) || n < 1 || n > Integer.MAX_VALUE ? null : c.message.topicLevel((int) n);
        return level == null ? Values.UNDEFINED : level;
    }

    private static JsonNode abs(EvalContext c, Expr[] a) {
        JsonNode x = a[0].eval(c);
        if (Values.kind(x) == Values.Kind.INT && x.longValue() != Long.MIN_VALUE) {
            return LongNode.valueOf(Math.abs(x.longValue()));
        }
        double d = Values.toDecimal(x);
        return Double.isNaN(d) ? Values.UNDEFINED : Values.decimal(Math.abs(d), c.v2);
    }

    /** ceil, floor and round: an Int stays; a Decimal or numeric String becomes an Int. */
    private static JsonNode toInt(JsonNode x, RoundingMode mode) {
        if (Values.kind(x) == Values.Kind.INT) {
            return x;
        }
        double d = Values.toDecimal(x);
        if (Double.isNaN(d)) {
            return Values.UNDEFINED;
        }
        double r;
        switch (mode) {
            case CEILING:
                r = Math.ceil(d);
                break;
            case FLOOR:
                r = Math.floor(d);
                break;
            default:
                // Half away from zero: round(-1.5) = -2, as AWS's examples show.
                r = Math.signum(d) * Math.floor(Math.abs(d) + 0.5);
                break;
        }
        return Math.abs(r) < 0x1p63 ? LongNode.valueOf((long) r) : Values.decimal(r, false);
    }

    private static JsonNode sign(EvalContext c, Expr[] a) {
        double d = Values.toDecimal(a[0].eval(c));
        return Double.isNaN(d) ? Values.UNDEFINED : LongNode.valueOf((long) Math.signum(d));
    }

    /** trunc(x, n): x cut to n decimal places, trailing zeros stripped (so a whole result is an Int). */
    private static JsonNode trunc(EvalContext c, Expr[] a) {
        JsonNode x = a[0].eval(c);
        double places = Values.toDecimal(a[1].eval(c));
        if (Double.isNaN(places)) {
            return Values.UNDEFINED;
        }
        if (Values.kind(x) == Values.Kind.INT) {
            return x;
        }
        double d = Values.toDecimal(x);
        if (Double.isNaN(d)) {
            return Values.UNDEFINED;
        }
        int n = (int) Math.max(0, Math.min(34, Math.floor(places)));
        BigDecimal cut = BigDecimal.valueOf(d).setScale(n, RoundingMode.DOWN).stripTrailingZeros();
        if (cut.scale() <= 0 && cut.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return LongNode.valueOf(cut.longValue());
        }
        return Values.decimal(cut.doubleValue(), c.v2);
    }

    private interface DoubleOp {
        double apply(double x, double y);
    }

    private static JsonNode decimalOf(EvalContext c, Expr[] a, DoubleOp op) {
        double x = Values.toDecimal(a[0].eval(c));
        double y = Values.toDecimal(a[1].eval(c));
        return Double.isNaN(x) || Double.isNaN(y) ? Values.UNDEFINED : Values.decimal(op.apply(x, y), c.v2);
    }

    /**
     * concat: any Array argument makes an Array of all the arguments; otherwise, when one is a String, the
     * concatenation of their String conversions (Undefined if one has none).
     */
    private static JsonNode concat(EvalContext c, Expr[] a) {
        if (a.length == 0) {
            return Values.UNDEFINED;
        }
        if (a.length == 1) {
            JsonNode x = a[0].eval(c);
            if (x.isArray()) {
                return x;
            }
            String s = Values.toText(x);
            return s == null ? Values.UNDEFINED : TextNode.valueOf(s);
        }
        JsonNode[] values = new JsonNode[a.length];
        boolean anyArray = false;
        boolean anyString = false;
        for (int i = 0; i < a.length; i++) {
            values[i] = a[i].eval(c);
            anyArray |= values[i].isArray();
            anyString |= values[i].isTextual();
        }
        if (anyArray) {
            ArrayNode out = Json.NODES.arrayNode();
            for (JsonNode v : values) {
                if (v.isArray()) {
                    out.addAll((ArrayNode) v);
                } else if (!v.isMissingNode()) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!anyString) {
            return Values.UNDEFINED;
        }
        String[] parts = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            String s = Values.toText(values[i]);
            if (s == null) {
                return Values.UNDEFINED;
            }
            parts[i] = s;
        }
        // String concatenation of a fixed arity compiles to one exactly-sized copy; rules rarely pass more than 5.
        switch (parts.length) {
            case 2:
                return TextNode.valueOf(parts[0] + parts[1]);
            case 3:
                return TextNode.valueOf(parts[0] + parts[1] + parts[2]);
            case 4:
                return TextNode.valueOf(parts[0] + parts[1] + parts[2] + parts[3]);
            case 5:
                return TextNode.valueOf(parts[0] + parts[1] + parts[2] + parts[3] + parts[4]);
            default:
                return TextNode.valueOf(String.join("", parts));
        }
    }

    private interface TextOp {
        String apply(String s);
    }

    private static JsonNode text(JsonNode x, TextOp op) {
        String s = Values.toText(x);
        return s == null ? Values.UNDEFINED : TextNode.valueOf(op.apply(s));
    }

    private interface TwoTexts {
        JsonNode apply(String s, String t);
    }

    private static JsonNode twoTexts(EvalContext c, Expr[] a, TwoTexts op) {
        String s = Values.toText(a[0].eval(c));
        String t = Values.toText(a[1].eval(c));
        return s == null || t == null ? Values.UNDEFINED : op.apply(s, t);
    }

    /** substring(s, from[, to]): 0-based, end exclusive, indices clamped to the string. */
    private static JsonNode substring(EvalContext c, Expr[] a) {
        String s = Values.toText(a[0].eval(c));
        double from = Values.toDecimal(a[1].eval(c));
        double to = a.length > 2 ? Values.toDecimal(a[2].eval(c)) : Double.POSITIVE_INFINITY;
        if (s == null || Double.isNaN(from) || Double.isNaN(to)) {
            return Values.UNDEFINED;
        }
        int b = clamp(Math.floor(from), s.length());
        int e = clamp(Math.floor(to), s.length());
        return TextNode.valueOf(b >= e ? "" : s.substring(b, e));
    }

    private static int clamp(double i, int length) {
        return (int) Math.max(0, Math.min(length, i));
    }

    /** get(array, index) or get(object, key). */
    private static JsonNode get(EvalContext c, Expr[] a) {
        JsonNode x = a[0].eval(c);
        JsonNode key = a[1].eval(c);
        JsonNode r = null;
        if (x.isArray()) {
            double i = Values.toDecimal(key);
            if (!Double.isNaN(i) && i >= 0 && i < x.size()) {
                r = x.get((int) Math.floor(i));
            }
        } else if (x.isObject()) {
            String k = Values.toText(key);
            r = k == null ? null : x.get(k);
        }
        return r == null ? Values.UNDEFINED : Values.normalize(r, c.v2);
    }

    /** A compiled parse_time pattern; a date-only one remembers its last UTC day, which most messages share. */
    private static final class TimePattern {
        final DateTimeFormatter formatter;
        final boolean dateOnly;
        volatile DayText lastUtcDay;

        TimePattern(DateTimeFormatter formatter, boolean dateOnly) {
            this.formatter = formatter;
            this.dateOnly = dateOnly;
        }
    }

    private static final class DayText {
        final long day;
        final JsonNode text;

        DayText(long day, JsonNode text) {
            this.day = day;
            this.text = text;
        }
    }

    private static final Map<String, TimePattern> PATTERNS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_PATTERNS = 256;
    private static final long DAY_MILLIS = 86_400_000L;

    /**
     * parse_time(pattern, epochMillis[, zone]): formats a time with a Joda-Time pattern in a time zone (UTC by
     * default). Undefined for a bad pattern, time or zone.
     */
    private static JsonNode parseTime(EvalContext c, Expr[] a) {
        String pattern = Values.toText(a[0].eval(c));
        double millis = Values.toDecimal(a[1].eval(c));
        String zone = a.length > 2 ? Values.toText(a[2].eval(c)) : "UTC";
        if (pattern == null || Double.isNaN(millis) || zone == null) {
            return Values.UNDEFINED;
        }
        TimePattern p = PATTERNS.get(pattern);
        if (p == null) {
            p = timePattern(pattern);
            if (PATTERNS.size() < MAX_CACHED_PATTERNS) { // patterns are nearly always literals; bound the rest
                PATTERNS.put(pattern, p);
            }
        }
        if (p.formatter == null) {
            return Values.UNDEFINED;
        }
        long ms = (long) Math.floor(millis);
        boolean utc = "UTC".equals(zone);
        long day = Math.floorDiv(ms, DAY_MILLIS);
        if (utc && p.dateOnly) {
            DayText last = p.lastUtcDay;
            if (last != null && last.day == day) {
                return last.text;
            }
        }
        try {
            ZoneId z = utc ? ZoneOffset.UTC : ZoneId.of(zone);
            JsonNode text = TextNode.valueOf(p.formatter.format(Instant.ofEpochMilli(ms).atZone(z)));
            if (utc && p.dateOnly) {
                p.lastUtcDay = new DayText(day, text);
            }
            return text;
        } catch (DateTimeException e) {
            return Values.UNDEFINED;
        }
    }

    /** Joda-Time letters that print no field finer than a day. */
    private static final String DATE_LETTERS = "GCYxweEyDMd";

    private static TimePattern timePattern(String joda) {
        boolean dateOnly = true;
        boolean quoted = false;
        for (int i = 0; i < joda.length(); i++) {
            char ch = joda.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && Character.isLetter(ch) && DATE_LETTERS.indexOf(ch) < 0) {
                dateOnly = false;
            }
        }
        return new TimePattern(jodaFormatter(joda), dateOnly);
    }

    /**
     * Translates the Joda-Time pattern letters whose meaning differs in java.time: Joda's {@code Y} (year of
     * era) and {@code x} (week year), and its zone offsets {@code Z} ({@code +0800}), {@code ZZ}
     * ({@code +08:00}) and {@code ZZZ} (zone id).
     *
     * @return the formatter, or null for a pattern java.time rejects
     */
    static DateTimeFormatter jodaFormatter(String joda) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < joda.length(); i++) {
            char ch = joda.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
                out.append(ch);
                continue;
            }
            if (quoted) {
                out.append(ch);
                continue;
            }
            if (ch == 'Z') {
                int run = 1;
                while (i + 1 < joda.length() && joda.charAt(i + 1) == 'Z') {
                    run++;
                    i++;
                }
                out.append(run == 1 ? "xx" : run == 2 ? "xxx" : "VV");
            } else if (ch == 'Y') {
                out.append('y');
            } else if (ch == 'x') {
                out.append('Y');
            } else {
                out.append(ch);
            }
        }
        try {
            return DateTimeFormatter.ofPattern(out.toString(), Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
