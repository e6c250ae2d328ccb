package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A compiled expression: a node of the syntax tree, evaluated against an {@link EvalContext}. */
abstract class Expr {

    /** Offsets of the expression's text in its SQL source, for names and messages. */
    final int start;
    final int end;

    Expr(int start, int end) {
        this.start = start;
        this.end = end;
    }

    /** @return the value; never null, never throws for message content (Undefined instead) */
    abstract JsonNode eval(EvalContext c);

    /** A constant. */
    static final class Literal extends Expr {
        final JsonNode value;

        Literal(int start, int end, JsonNode value) {
            super(start, end);
            this.value = value;
        }

        @Override
        JsonNode eval(EvalContext c) {
            return value;
        }
    }

    /** A path from the payload's root, e.g. {@code state.reported.cpu_usage} or {@code a[0].b}. */
    static final class RootPath extends Expr {
        /** Field names; null where the segment is an array index. */
        final String[] names;
        final int[] indexes;
        /** All segments but the last, as one interned string: the key of {@link EvalContext#prefixKey}. */
        final String prefixKey;

        RootPath(int start, int end, String[] names, int[] indexes) {
            super(start, end);
            this.names = names;
            this.indexes = indexes;
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < names.length - 1; i++) {
                key.append(names[i] != null ? "." + names[i] : "[" + indexes[i] + "]");
            }
            this.prefixKey = key.toString().intern();
        }

        @Override
        JsonNode eval(EvalContext c) {
            int last = names.length - 1;
            JsonNode n;
            if (last == 0) {
                n = c.root;
            } else {
                if (c.prefixKey == prefixKey) {
                    n = c.prefixNode;
                } else {
                    n = c.root;
                    for (int i = 0; i < last; i++) {
                        n = names[i] != null ? n.get(names[i]) : n.get(indexes[i]);
                        if (n == null) {
                            return Values.UNDEFINED;
                        }
                    }
                    c.prefixKey = prefixKey;
                    c.prefixNode = n;
                }
            }
            n = names[last] != null ? n.get(names[last]) : n.get(indexes[last]);
            return n == null ? Values.UNDEFINED : Values.normalize(n, c.v2);
        }

        String lastName() {
            return names[names.length - 1];
        }
    }

    /** {@code base.name} where the base is not a plain path (a function result, a variable...). */
    static final class Member extends Expr {
        final Expr base;
        final String name;

        Member(int start, int end, Expr base, String name) {
            super(start, end);
            this.base = base;
            this.name = name;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode n = base.eval(c).get(name);
            return n == null ? Values.UNDEFINED : Values.normalize(n, c.v2);
        }
    }

    /** {@code base[index]}: an array element; Undefined out of range or for a non-array. */
    static final class Index extends Expr {
        final Expr base;
        final Expr index;

        Index(int start, int end, Expr base, Expr index) {
            super(start, end);
            this.base = base;
            this.index = index;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode b = base.eval(c);
            double i = Values.toDecimal(index.eval(c));
            if (!b.isArray() || Double.isNaN(i) || i < 0 || i >= b.size()) {
                return Values.UNDEFINED;
            }
            return Values.normalize(b.get((int) Math.floor(i)), c.v2);
        }
    }

    /** A SET variable, {@code @name}. */
    static final class Variable extends Expr {
        final int slot;
        final String name;

        Variable(int start, int end, int slot, String name) {
            super(start, end);
            this.slot = slot;
            this.name = name;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode v = slot < c.vars.length ? c.vars[slot] : null;
            return v == null ? Values.UNDEFINED : v;
        }
    }

    /** {@code -x} and {@code NOT x}. */
    static final class Unary extends Expr {
        final boolean not;
        final Expr operand;

        Unary(int start, int end, boolean not, Expr operand) {
            super(start, end);
            this.not = not;
            this.operand = operand;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode v = operand.eval(c);
            return not ? Values.not(v) : Values.negate(v, c.v2);
        }
    }

    enum Op { OR, AND, EQ, NE, LT, LE, GT, GE, ADD, SUB, MUL, DIV, MOD }

    /** A binary operator. Both operands are always evaluated, as AWS's truth tables need. */
    static final class Binary extends Expr {
        final Op op;
        final Expr left;
        final Expr right;

        Binary(int start, int end, Op op, Expr left, Expr right) {
            super(start, end);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode a = left.eval(c);
            JsonNode b = right.eval(c);
            switch (op) {
                case OR:
                    return Values.or(a, b);
                case AND:
                    return Values.and(a, b);
                case EQ:
                    return Values.equal(a, b);
                case NE:
                    return Values.notEqual(a, b);
                case ADD:
                    return Values.add(a, b, c.v2);
                case SUB:
                    return Values.arithmetic(Values.SUB, a, b, c.v2);
                case MUL:
                    return Values.arithmetic(Values.MUL, a, b, c.v2);
                case DIV:
                    return Values.arithmetic(Values.DIV, a, b, c.v2);
                case MOD:
                    return Values.arithmetic(Values.MOD, a, b, c.v2);
                default:
                    int cmp = Values.compare(a, b);
                    if (cmp == Integer.MIN_VALUE) {
                        return Values.UNDEFINED;
                    }
                    switch (op) {
                        case LT:
                            return Values.bool(cmp < 0);
                        case LE:
                            return Values.bool(cmp <= 0);
                        case GT:
                            return Values.bool(cmp > 0);
                        default:
                            return Values.bool(cmp >= 0);
                    }
            }
        }
    }

    /** {@code CASE v WHEN t1 THEN r1 ... [ELSE re] END}: the first t equal to v wins; Undefined v gives Undefined. */
    static final class Case extends Expr {
        final Expr subject;
        final Expr[] whens;
        final Expr[] thens;
        final Expr otherwise;

        Case(int start, int end, Expr subject, Expr[] whens, Expr[] thens, Expr otherwise) {
            super(start, end);
            this.subject = subject;
            this.whens = whens;
            this.thens = thens;
            this.otherwise = otherwise;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode v = subject.eval(c);
            if (v.isMissingNode()) {
                return Values.UNDEFINED;
            }
            for (int i = 0; i < whens.length; i++) {
                if (Values.equal(v, whens[i].eval(c)) == Values.TRUE) {
                    return thens[i].eval(c);
                }
            }
            return otherwise == null ? Values.UNDEFINED : otherwise.eval(c);
        }
    }

    /** A call of a built-in function. */
    static final class Call extends Expr {
        final Functions.Fn fn;
        final Expr[] args;

        Call(int start, int end, Functions.Fn fn, Expr[] args) {
            super(start, end);
            this.fn = fn;
            this.args = args;
        }

        @Override
        JsonNode eval(EvalContext c) {
            return fn.impl.apply(c, args);
        }
    }

    /** {@code {'key': value, ...}}: an object literal; Undefined values are left out. */
    static final class ObjectLiteral extends Expr {
        final String[] keys;
        final Expr[] values;

        ObjectLiteral(int start, int end, String[] keys, Expr[] values) {
            super(start, end);
            this.keys = keys;
            this.values = values;
        }

        @Override
        JsonNode eval(EvalContext c) {
            ObjectNode o = Json.NODES.objectNode();
            for (int i = 0; i < keys.length; i++) {
                JsonNode v = values[i].eval(c);
                if (!v.isMissingNode()) {
                    o.set(keys[i], v);
                }
            }
            return o;
        }
    }

    /** {@code [a, b, ...]}: an array literal; Undefined elements are left out. */
    static final class ArrayLiteral extends Expr {
        final Expr[] elements;

        ArrayLiteral(int start, int end, Expr[] elements) {
            super(start, end);
            this.elements = elements;
        }

        @Override
        JsonNode eval(EvalContext c) {
            ArrayNode a = Json.NODES.arrayNode(elements.length);
            for (Expr e : elements) {
                JsonNode v = e.eval(c);
                if (!v.isMissingNode()) {
                    a.add(v);
                }
            }
            return a;
        }
    }

    /** The types {@code cast(x AS type)} converts to. */
    enum CastType { STRING, INT, DECIMAL, DOUBLE, BOOLEAN }

    /** {@code cast(value AS type)}, with AWS's casting rules (which, unlike the standard conversions, turn numbers
     * into Booleans and back). */
    static final class Cast extends Expr {
        final Expr value;
        final CastType type;

        Cast(int start, int end, Expr value, CastType type) {
            super(start, end);
            this.value = value;
            this.type = type;
        }

        @Override
        JsonNode eval(EvalContext c) {
            JsonNode v = value.eval(c);
            Values.Kind k = Values.kind(v);
            switch (type) {
                case STRING: {
                    String s = Values.toText(v);
                    return s == null ? Values.UNDEFINED : com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
                }
                case BOOLEAN:
                    if (k == Values.Kind.INT || k == Values.Kind.DECIMAL) {
                        return Values.bool(v.doubleValue() != 0);
                    }
                    Boolean b = Values.toBoolean(v);
                    return b == null ? Values.UNDEFINED : Values.bool(b);
                case INT: {
                    if (k == Values.Kind.INT) {
                        return v;
                    }
                    if (k == Values.Kind.BOOLEAN) {
                        return Values.integer(v.booleanValue() ? 1 : 0);
                    }
                    double d = Values.toDecimal(v);
                    if (Double.isNaN(d)) {
                        return Values.UNDEFINED;
                    }
                    double f = Math.floor(d);
                    return Math.abs(f) < 0x1p63 ? Values.integer((long) f) : Values.decimal(f, false);
                }
                default: {
                    if (k == Values.Kind.BOOLEAN) {
                        return Values.decimal(v.booleanValue() ? 1 : 0, c.v2);
                    }
                    double d = Values.toDecimal(v);
                    return Double.isNaN(d) ? Values.UNDEFINED : Values.decimal(d, c.v2);
                }
            }
        }
    }
}
