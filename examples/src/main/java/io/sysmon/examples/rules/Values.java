package io.sysmon.examples.rules;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * AWS IoT SQL values and the standard conversions and operators between them, as AWS's data-type and operator
 * tables give them. Values are Jackson nodes: {@link MissingNode} is Undefined, {@link NullNode} is Null,
 * integral nodes are Int, floating-point nodes are Decimal (kept as IEEE doubles here, not AWS's 34 digits).
 * No method throws for a value's content: a wrong type gives Undefined.
 */
final class Values {

    static final JsonNode UNDEFINED = MissingNode.getInstance();
    static final JsonNode TRUE = BooleanNode.TRUE;
    static final JsonNode FALSE = BooleanNode.FALSE;

    enum Kind { UNDEFINED, NULL, INT, DECIMAL, STRING, BOOLEAN, ARRAY, OBJECT, BINARY }

    private static final double LONG_LIMIT = 0x1p63;

    private Values() {
    }

    /** Classifies a value; {@code instanceof} tests, cheaper than Jackson's virtual type queries here. */
    static Kind kind(JsonNode n) {
        if (n instanceof NumericNode) {
            if (n instanceof IntNode || n instanceof LongNode) {
                return Kind.INT;
            }
            if (n instanceof DoubleNode) {
                return Kind.DECIMAL;
            }
            return n.isIntegralNumber() && n.canConvertToLong() ? Kind.INT : Kind.DECIMAL;
        }
        if (n instanceof TextNode) {
            return Kind.STRING;
        }
        if (n instanceof MissingNode) {
            return Kind.UNDEFINED;
        }
        if (n instanceof ObjectNode) {
            return Kind.OBJECT;
        }
        if (n instanceof BooleanNode) {
            return Kind.BOOLEAN;
        }
        if (n instanceof NullNode) {
            return Kind.NULL;
        }
        if (n instanceof ArrayNode) {
            return Kind.ARRAY;
        }
        return Kind.BINARY;
    }

    /** @return whether {@code n} is a Decimal */
    static boolean isDecimal(JsonNode n) {
        return n instanceof DoubleNode
                || (n instanceof NumericNode && !(n instanceof IntNode) && !(n instanceof LongNode)
                        && kind(n) == Kind.DECIMAL);
    }

    static JsonNode bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    static JsonNode integer(long v) {
        return LongNode.valueOf(v);
    }

    /**
     * @param v a decimal result
     * @param v2 whether the rule uses SQL version 2016-03-23, which turns whole numbers into Ints
     * @return the Decimal, an Int under 2016-03-23 when it is whole, or Undefined for NaN and infinities
     */
    static JsonNode decimal(double v, boolean v2) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return UNDEFINED;
        }
        if (v2 && v == Math.rint(v) && Math.abs(v) < LONG_LIMIT) {
            return LongNode.valueOf((long) v);
        }
        return DoubleNode.valueOf(v);
    }

    /** Applies 2016-03-23's whole-number rule to a number read from a payload; other values pass unchanged. */
    static JsonNode normalize(JsonNode n, boolean v2) {
        if (v2 && isDecimal(n)) {
            return decimal(n.doubleValue(), true);
        }
        return n;
    }

    /** Applies 2016-03-23's whole-number rule throughout a value; copies a container only when it must. */
    static JsonNode normalizeDeep(JsonNode n) {
        if (n.isFloatingPointNumber()) {
            return decimal(n.doubleValue(), true);
        }
        if (n.isContainerNode() && containsWholeDecimal(n)) {
            if (n.isObject()) {
                ObjectNode copy = Json.NODES.objectNode();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    copy.set(e.getKey(), normalizeDeep(e.getValue()));
                }
                return copy;
            }
            ArrayNode copy = Json.NODES.arrayNode(n.size());
            for (JsonNode element : n) {
                copy.add(normalizeDeep(element));
            }
            return copy;
        }
        return n;
    }

    private static boolean containsWholeDecimal(JsonNode n) {
        if (n.isFloatingPointNumber()) {
            double d = n.doubleValue();
            return d == Math.rint(d);
        }
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                if (containsWholeDecimal(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- standard conversions -------------------------------------------------------------------------------

    /**
     * @return the value as a Decimal, or NaN when it has none (Boolean, Array, Object, Null, Undefined, or a
     *     String that is not a number)
     */
    static double toDecimal(JsonNode n) {
        switch (kind(n)) {
            case INT:
                return n.longValue();
            case DECIMAL:
                return n.doubleValue();
            case STRING:
                return parseDecimal(n.textValue());
            default:
                return Double.NaN;
        }
    }

    /** Parses a string AWS would convert to a Decimal: {@code -?\d+(\.\d+)?([eE]-?\d+)?}; NaN otherwise. */
    static double parseDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return Double.NaN;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int fraction = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return Double.NaN;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && s.charAt(i) == '-') {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return Double.NaN;
            }
        }
        return i == n ? Double.parseDouble(s) : Double.NaN;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return the value as a Boolean (Booleans, and the strings "true"/"false" in any case), else null */
    static Boolean toBoolean(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            String s = n.textValue();
            if ("true".equalsIgnoreCase(s)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(s)) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /**
     * @return a decimal as text: the shortest that reads back as the same double, in {@link Double#toString}'s
     *     layout ({@code 17.3}, {@code 10.0}, {@code 1.0E-5}); Jackson's fast writer, which Java 19+ also uses
     */
    static String decimalText(double d) {
        double a = Math.abs(d);
        if (a >= 1e-3 && a < 1e7) {
            // Telemetry decimals mostly have 1 to 3 fraction digits: when m / 10^k reads back as d, that is the
            // shortest text of d (no shorter decimal lies within half an ulp here), so print it directly.
            if (d == Math.rint(d)) {
                return format((long) d, 0);
            }
            long scale = 10;
            for (int k = 1; k <= 3; k++, scale *= 10) {
                long m = Math.round(d * scale);
                if (m / (double) scale == d) {
                    return format(m, k);
                }
            }
        }
        return NumberOutput.toString(d, true);
    }

    /** @return {@code m / 10^k} with {@code k} fraction digits ({@code .0} for {@code k = 0}) */
    private static String format(long m, int k) {
        char[] buf = new char[24];
        int pos = buf.length;
        long v = Math.abs(m);
        if (k == 0) {
            buf[--pos] = '0';
            buf[--pos] = '.';
        }
        for (int i = 0; i < k; i++) {
            buf[--pos] = (char) ('0' + v % 10);
            v /= 10;
        }
        if (k > 0) {
            buf[--pos] = '.';
        }
        do {
            buf[--pos] = (char) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        if (m < 0) {
            buf[--pos] = '-';
        }
        return new String(buf, pos, buf.length - pos);
    }

    /** @return the value as a String by the standard conversion, or null for Null, Undefined and binary */
    static String toText(JsonNode n) {
        switch (kind(n)) {
            case STRING:
                return n.textValue();
            case DECIMAL:
                return n.isDouble() ? decimalText(n.doubleValue()) : n.asText();
            case INT:
            case BOOLEAN:
                return n.asText();
            case ARRAY:
            case OBJECT:
                return Json.write(n);
            default:
                return null;
        }
    }

    // ---- operators --------------------------------------------------------------------------------------------

    static JsonNode and(JsonNode a, JsonNode b) {
        Boolean x = toBoolean(a);
        Boolean y = toBoolean(b);
        return x == null || y == null ? UNDEFINED : bool(x && y);
    }

    static JsonNode or(JsonNode a, JsonNode b) {
        Boolean x = toBoolean(a);
        Boolean y = toBoolean(b);
        return x == null || y == null ? UNDEFINED : bool(x || y);
    }

    static JsonNode not(JsonNode a) {
        Boolean x = toBoolean(a);
        return x == null ? UNDEFINED : bool(!x);
    }

    /** The {@code =} operator: Undefined with an Undefined operand, false for mismatched types. */
    static JsonNode equal(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) {
            return UNDEFINED;
        }
        return bool(same(a, b));
    }

    /**
     * The {@code <>} operator: Undefined with an Undefined operand, true for mismatched types, {@code Null <> Null}
     * false.
     */
    static JsonNode notEqual(JsonNode a, JsonNode b) {
        if (a.isMissingNode() || b.isMissingNode()) {
            return UNDEFINED;
        }
        return bool(!same(a, b));
    }

    private static boolean same(JsonNode a, JsonNode b) {
        Kind ka = kind(a);
        Kind kb = kind(b);
        if (ka == Kind.INT && kb == Kind.INT) {
            return a.longValue() == b.longValue();
        }
        if (isNumber(ka) && isNumber(kb)) {
            return a.doubleValue() == b.doubleValue();
        }
        if (ka != kb) {
            return false;
        }
        switch (ka) {
            case NULL:
                return true;
            case STRING:
                return a.textValue().equals(b.textValue());
            case BOOLEAN:
                return a.booleanValue() == b.booleanValue();
            case ARRAY:
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            case OBJECT:
                if (a.size() != b.size()) {
                    return false;
                }
                for (Map.Entry<String, JsonNode> e : a.properties()) {
                    JsonNode other = b.get(e.getKey());
                    if (other == null || !same(e.getValue(), other)) {
                        return false;
                    }
                }
                return true;
            default:
                return a.equals(b);
        }
    }

    private static boolean isNumber(Kind k) {
        return k == Kind.INT || k == Kind.DECIMAL;
    }

    /**
     * Compares for {@code < <= > >=}: both operands are converted to Decimal (numeric strings too).
     *
     * @return negative, zero or positive, or {@link Integer#MIN_VALUE} when an operand has no Decimal value
     */
    static int compare(JsonNode a, JsonNode b) {
        if (kind(a) == Kind.INT && kind(b) == Kind.INT) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double x = toDecimal(a);
        double y = toDecimal(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Integer.MIN_VALUE;
        }
        return Double.compare(x, y) < 0 ? -1 : (x == y ? 0 : 1);
    }

    /** The {@code +} operator: string concatenation when either side is a String, else addition. */
    static JsonNode add(JsonNode a, JsonNode b, boolean v2) {
        if (a.isTextual() || b.isTextual()) {
            String x = toText(a);
            String y = toText(b);
            return x == null || y == null ? UNDEFINED : TextNode.valueOf(x.concat(y));
        }
        Kind ka = kind(a);
        Kind kb = kind(b);
        if (ka == Kind.INT && kb == Kind.INT) {
            long x = a.longValue();
            long y = b.longValue();
            long r = x + y;
            if (((x ^ r) & (y ^ r)) < 0) {
                return decimal((double) x + (double) y, v2);
            }
            return LongNode.valueOf(r);
        }
        if (isNumber(ka) && isNumber(kb)) {
            return decimal(a.doubleValue() + b.doubleValue(), v2);
        }
        return UNDEFINED;
    }

    static final int SUB = 0;
    static final int MUL = 1;
    static final int DIV = 2;
    static final int MOD = 3;

    /** The operators {@code - * / %}: Int with Int stays Int (division truncates), else Decimal. */
    static JsonNode arithmetic(int op, JsonNode a, JsonNode b, boolean v2) {
        if (kind(a) == Kind.INT && kind(b) == Kind.INT) {
            long x = a.longValue();
            long y = b.longValue();
            switch (op) {
                case SUB: {
                    long r = x - y;
                    if (((x ^ y) & (x ^ r)) < 0) {
                        return decimal((double) x - (double) y, v2);
                    }
                    return LongNode.valueOf(r);
                }
                case MUL: {
                    long hi = Math.multiplyHigh(x, y);
                    long r = x * y;
                    if ((hi == 0 && r >= 0) || (hi == -1 && r < 0)) {
                        return LongNode.valueOf(r);
                    }
                    return decimal((double) x * (double) y, v2);
                }
                case DIV:
                    if (y == 0) {
                        return UNDEFINED;
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        return decimal(-(double) x, v2);
                    }
                    return LongNode.valueOf(x / y);
                default:
                    return y == 0 ? UNDEFINED : LongNode.valueOf(x % y);
            }
        }
        double x = toDecimal(a);
        double y = toDecimal(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return UNDEFINED;
        }
        switch (op) {
            case SUB:
                return decimal(x - y, v2);
            case MUL:
                return decimal(x * y, v2);
            case DIV:
                return y == 0 ? UNDEFINED : decimal(x / y, v2);
            default:
                return y == 0 ? UNDEFINED : decimal(x % y, v2);
        }
    }

    static JsonNode negate(JsonNode a, boolean v2) {
        Kind k = kind(a);
        if (k == Kind.INT && a.longValue() != Long.MIN_VALUE) {
            return LongNode.valueOf(-a.longValue());
        }
        double x = toDecimal(a);
        return Double.isNaN(x) ? UNDEFINED : decimal(-x, v2);
    }

    static NullNode nullValue() {
        return NullNode.getInstance();
    }
}
