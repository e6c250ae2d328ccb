package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sysmon.examples.rules.Lexer.Kind;
import io.sysmon.examples.rules.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for AWS IoT SQL:
 *
 * <pre>
 * statement  := [SET @var = expr {, @var = expr}] SELECT [VALUE] item {, item} FROM 'filter' [WHERE expr]
 * item       := '*' | expr [AS name{.name}]
 * expr       := or;  or := and {OR and};  and := not {AND not};  not := NOT not | comparison
 * comparison := additive {(= | == | &lt;&gt; | != | &lt; | &lt;= | &gt; | &gt;=) additive}
 * additive   := term {(+ | -) term};  term := unary {(* | / | %) unary};  unary := - unary | postfix
 * postfix    := primary {. name | [ expr ]}
 * primary    := number | 'string' | "string" | TRUE | FALSE | NULL | ( expr ) | @var | name | name ( args )
 *             | cast ( expr AS type ) | CASE expr WHEN expr THEN expr {...} [ELSE expr] END
 *             | { 'key' : expr, ... } | [ expr, ... ]
 * </pre>
 */
final class Parser {

    private static final Set<String> RESERVED = Set.of(
            "select", "from", "where", "as", "and", "or", "not", "case", "when", "then", "else", "end",
            "true", "false", "null", "set");

    private final String src;
    private final List<Token> tokens;
    private final SqlVersion version;
    private final Map<String, Integer> variables;
    private int i;

    private Parser(String src, SqlVersion version, Map<String, Integer> variables) {
        this.src = src;
        this.tokens = Lexer.tokenize(src);
        this.version = version;
        this.variables = variables;
    }

    /** Parses a whole statement. */
    static IotSql statement(String sql, SqlVersion version) {
        Parser p = new Parser(sql, version, new LinkedHashMap<>());
        return p.parseStatement();
    }

    /**
     * Parses one expression, e.g. a substitution template's.
     *
     * @param variables the SET variables it may use, by name (with {@code @}), to slot
     */
    static Expr expression(String text, SqlVersion version, Map<String, Integer> variables) {
        Parser p = new Parser(text, version, variables);
        Expr e = p.expr();
        p.expectEnd("the end of the expression");
        return e;
    }

    // ---- statement --------------------------------------------------------------------------------------------

    private IotSql parseStatement() {
        List<Expr> setExprs = new ArrayList<>();
        if (peek().isKeyword("set")) {
            i++;
            do {
                Token var = next();
                if (!var.is(Kind.VARIABLE)) {
                    throw error(var, "expected a variable such as @name after SET, found " + var.describe());
                }
                if (var.text.length() > 65) {
                    throw error(var, "variable " + var.text + " is longer than 64 characters");
                }
                if (variables.containsKey(var.text)) {
                    throw error(var, "variable " + var.text + " is already set; variables are set once");
                }
                expect(Kind.EQ, "'='");
                Expr value = expr();
                // Defined only after its own expression, so it cannot refer to itself.
                variables.put(var.text, setExprs.size());
                setExprs.add(value);
            } while (accept(Kind.COMMA));
        }
        Token select = next();
        if (!select.isKeyword("select")) {
            throw error(select, "expected SELECT, found " + select.describe());
        }
        boolean selectValue = false;
        if (peek().isKeyword("value") && startsExpression(peekAt(1))) {
            i++;
            selectValue = true;
        }
        List<IotSql.Item> items = new ArrayList<>();
        do {
            items.add(item());
        } while (accept(Kind.COMMA));
        if (selectValue && (items.size() != 1 || items.get(0).expr == null)) {
            throw error(peek(), "SELECT VALUE takes exactly one expression");
        }
        Token from = next();
        if (!from.isKeyword("from")) {
            throw error(from, "expected FROM, found " + from.describe());
        }
        Token filter = next();
        if (!filter.is(Kind.STRING) || src.charAt(filter.offset) != '\'') {
            throw error(filter, "expected the topic filter in single quotes after FROM, found " + filter.describe());
        }
        String problem = TopicFilter.problem(filter.text);
        if (problem != null) {
            throw error(filter, problem);
        }
        Expr where = null;
        String whereText = null;
        if (peek().isKeyword("where")) {
            i++;
            where = expr();
            whereText = src.substring(where.start, where.end);
        }
        expectEnd("WHERE or the end of the statement");
        return new IotSql(src, version, TopicFilter.of(filter.text), selectValue, items,
                where, whereText, setExprs.toArray(new Expr[0]), new ArrayList<>(variables.keySet()));
    }

    private IotSql.Item item() {
        Token t = peek();
        if (t.is(Kind.STAR)) {
            i++;
            return new IotSql.Item(null, null);
        }
        Expr e = expr();
        String[] alias;
        if (peek().isKeyword("as")) {
            i++;
            List<String> parts = new ArrayList<>();
            do {
                Token name = next();
                if (!(name.is(Kind.IDENT) && !RESERVED.contains(name.text.toLowerCase(Locale.ROOT)))
                        && !name.is(Kind.STRING)) {
                    throw error(name, "expected a name after AS, found " + name.describe());
                }
                parts.add(name.text);
            } while (accept(Kind.DOT));
            alias = parts.toArray(new String[0]);
        } else if (e instanceof Expr.RootPath && ((Expr.RootPath) e).lastName() != null) {
            alias = new String[] {((Expr.RootPath) e).lastName()}; // SELECT a.b gives {"b": ...}
        } else {
            alias = new String[] {src.substring(e.start, e.end)};
        }
        return new IotSql.Item(e, alias);
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    Expr expr() {
        return or();
    }

    private Expr or() {
        Expr left = and();
        while (peek().isKeyword("or")) {
            i++;
            Expr right = and();
            left = new Expr.Binary(left.start, right.end, Expr.Op.OR, left, right);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isKeyword("and")) {
            i++;
            Expr right = not();
            left = new Expr.Binary(left.start, right.end, Expr.Op.AND, left, right);
        }
        return left;
    }

    private Expr not() {
        Token t = peek();
        if (t.isKeyword("not")) {
            i++;
            Expr operand = not();
            return new Expr.Unary(t.offset, operand.end, true, operand);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            Expr.Op op;
            switch (peek().kind) {
                case EQ: op = Expr.Op.EQ; break;
                case NE: op = Expr.Op.NE; break;
                case LT: op = Expr.Op.LT; break;
                case LE: op = Expr.Op.LE; break;
                case GT: op = Expr.Op.GT; break;
                case GE: op = Expr.Op.GE; break;
                default: return left;
            }
            i++;
            Expr right = additive();
            left = new Expr.Binary(left.start, right.end, op, left, right);
        }
    }

    private Expr additive() {
        Expr left = term();
        while (peek().is(Kind.PLUS) || peek().is(Kind.MINUS)) {
            Expr.Op op = next().is(Kind.PLUS) ? Expr.Op.ADD : Expr.Op.SUB;
            Expr right = term();
            left = new Expr.Binary(left.start, right.end, op, left, right);
        }
        return left;
    }

    private Expr term() {
        Expr left = unary();
        while (peek().is(Kind.STAR) || peek().is(Kind.SLASH) || peek().is(Kind.PERCENT)) {
            Kind k = next().kind;
            Expr.Op op = k == Kind.STAR ? Expr.Op.MUL : k == Kind.SLASH ? Expr.Op.DIV : Expr.Op.MOD;
            Expr right = unary();
            left = new Expr.Binary(left.start, right.end, op, left, right);
        }
        return left;
    }

    private Expr unary() {
        Token t = peek();
        if (t.is(Kind.MINUS)) {
            i++;
            Token n = peek();
            if (n.is(Kind.INTEGER) || n.is(Kind.DECIMAL)) {
                i++;
                return number(n, true, t.offset);
            }
            Expr operand = unary();
            return new Expr.Unary(t.offset, operand.end, false, operand);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            if (peek().is(Kind.DOT)) {
                i++;
                Token name = next();
                if (!name.is(Kind.IDENT)) {
                    throw error(name, "expected a field name after '.', found " + name.describe()
                            + (name.is(Kind.INTEGER) ? "; use get(value, '" + name.text + "') for such keys" : ""));
                }
                e = member(e, name.text.intern(), name.end);
            } else if (peek().is(Kind.LBRACKET)) {
                i++;
                Expr index = expr();
                Token close = expect(Kind.RBRACKET, "']'");
                e = index(e, index, close.end);
            } else {
                return e;
            }
        }
    }

    private static Expr member(Expr base, String name, int end) {
        if (base instanceof Expr.RootPath) {
            Expr.RootPath p = (Expr.RootPath) base;
            String[] names = append(p.names, name);
            int[] indexes = java.util.Arrays.copyOf(p.indexes, p.indexes.length + 1);
            return new Expr.RootPath(p.start, end, names, indexes);
        }
        return new Expr.Member(base.start, end, base, name);
    }

    private static Expr index(Expr base, Expr index, int end) {
        if (base instanceof Expr.RootPath && index instanceof Expr.Literal
                && Values.kind(((Expr.Literal) index).value) == Values.Kind.INT
                && ((Expr.Literal) index).value.longValue() >= 0
                && ((Expr.Literal) index).value.longValue() <= Integer.MAX_VALUE) {
            Expr.RootPath p = (Expr.RootPath) base;
            String[] names = append(p.names, null);
            int[] indexes = java.util.Arrays.copyOf(p.indexes, p.indexes.length + 1);
            indexes[indexes.length - 1] = (int) ((Expr.Literal) index).value.longValue();
            return new Expr.RootPath(p.start, end, names, indexes);
        }
        return new Expr.Index(base.start, end, base, index);
    }

    private static String[] append(String[] a, String s) {
        String[] r = java.util.Arrays.copyOf(a, a.length + 1);
        r[a.length] = s;
        return r;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind) {
            case INTEGER:
            case DECIMAL:
                return number(t, false, t.offset);
            case STRING:
                return new Expr.Literal(t.offset, t.end, TextNode.valueOf(t.text));
            case LPAREN: {
                Expr e = expr();
                expect(Kind.RPAREN, "')'");
                return e;
            }
            case VARIABLE: {
                Integer slot = variables.get(t.text);
                if (slot == null) {
                    throw error(t, "unknown variable " + t.text
                            + (variables.isEmpty() ? "; define it in a SET clause before SELECT" : ""));
                }
                return new Expr.Variable(t.offset, t.end, slot, t.text);
            }
            case LBRACE:
                return objectLiteral(t);
            case LBRACKET:
                return arrayLiteral(t);
            case IDENT:
                return identifier(t);
            default:
                throw error(t, "expected an expression, found " + t.describe());
        }
    }

    private Expr identifier(Token t) {
        String lower = t.text.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "true":
                return new Expr.Literal(t.offset, t.end, Values.TRUE);
            case "false":
                return new Expr.Literal(t.offset, t.end, Values.FALSE);
            case "null":
                return new Expr.Literal(t.offset, t.end, Values.nullValue());
            case "case":
                return caseExpr(t);
            default:
                break;
        }
        if (peek().is(Kind.LPAREN)) {
            i++;
            if (lower.equals("cast")) {
                return cast(t);
            }
            return call(t, lower);
        }
        if (RESERVED.contains(lower)) {
            throw error(t, "expected an expression, found " + t.describe());
        }
        // Interned like Jackson's field names, so a lookup's key comparison is one identity check.
        return new Expr.RootPath(t.offset, t.end, new String[] {t.text.intern()}, new int[1]);
    }

    private Expr call(Token name, String lower) {
        Functions.Fn fn = Functions.lookup(lower);
        if (fn == null) {
            if (Functions.NOT_SUPPORTED.contains(lower)) {
                throw error(name, "function '" + name.text + "' is not supported by this offline rules engine");
            }
            throw error(name, "unknown function '" + name.text + "'");
        }
        requireVersion(name, fn.since, "function " + name.text);
        List<Expr> args = new ArrayList<>();
        if (!peek().is(Kind.RPAREN)) {
            do {
                args.add(expr());
            } while (accept(Kind.COMMA));
        }
        Token close = expect(Kind.RPAREN, "',' or ')'");
        if (args.size() < fn.minArgs || args.size() > fn.maxArgs) {
            // AWS: a function called with the wrong number of arguments returns Undefined.
            return new Expr.Literal(name.offset, close.end, Values.UNDEFINED);
        }
        return new Expr.Call(name.offset, close.end, fn, args.toArray(new Expr[0]));
    }

    private Expr cast(Token name) {
        Expr value = expr();
        Token as = next();
        if (!as.isKeyword("as")) {
            throw error(as, "expected AS in cast(value AS type), found " + as.describe());
        }
        Token type = next();
        if (!type.is(Kind.IDENT)) {
            throw error(type, "expected a type after AS, found " + type.describe());
        }
        Expr.CastType castType;
        switch (type.text.toLowerCase(Locale.ROOT)) {
            case "string": case "nvarchar": case "text": case "ntext": case "varchar":
                castType = Expr.CastType.STRING;
                break;
            case "int": case "integer":
                castType = Expr.CastType.INT;
                break;
            case "double":
                castType = Expr.CastType.DOUBLE;
                break;
            case "decimal":
                requireVersion(type, SqlVersion.V2016_03_23, "cast to Decimal");
                castType = Expr.CastType.DECIMAL;
                break;
            case "bool": case "boolean":
                requireVersion(type, SqlVersion.V2016_03_23, "cast to " + type.text);
                castType = Expr.CastType.BOOLEAN;
                break;
            default:
                throw error(type, "unknown type '" + type.text
                        + "' in cast; use String, Int, Double, Decimal or Boolean");
        }
        Token close = expect(Kind.RPAREN, "')'");
        return new Expr.Cast(name.offset, close.end, value, castType);
    }

    private Expr caseExpr(Token caseToken) {
        if (peek().isKeyword("when")) {
            throw error(peek(), "AWS IoT SQL has only the simple CASE form, CASE value WHEN ... ; "
                    + "to test conditions write CASE true WHEN condition THEN ...");
        }
        Expr subject = expr();
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        Expr otherwise = null;
        while (peek().isKeyword("when")) {
            i++;
            whens.add(expr());
            Token then = next();
            if (!then.isKeyword("then")) {
                throw error(then, "expected THEN, found " + then.describe());
            }
            thens.add(expr());
        }
        if (whens.isEmpty()) {
            throw error(peek(), "expected WHEN, found " + peek().describe() + "; CASE needs at least one WHEN");
        }
        if (peek().isKeyword("else")) {
            i++;
            otherwise = expr();
        }
        Token end = next();
        if (!end.isKeyword("end")) {
            throw error(end, "expected WHEN, ELSE or END, found " + end.describe());
        }
        return new Expr.Case(caseToken.offset, end.end, subject, whens.toArray(new Expr[0]),
                thens.toArray(new Expr[0]), otherwise);
    }

    private Expr objectLiteral(Token open) {
        requireVersion(open, SqlVersion.V2016_03_23, "an object literal");
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (!peek().is(Kind.RBRACE)) {
            do {
                Token key = next();
                if (!key.is(Kind.STRING) && !key.is(Kind.IDENT)) {
                    throw error(key, "expected a key in the object literal, found " + key.describe());
                }
                expect(Kind.COLON, "':'");
                keys.add(key.text);
                values.add(expr());
            } while (accept(Kind.COMMA));
        }
        Token close = expect(Kind.RBRACE, "',' or '}'");
        return new Expr.ObjectLiteral(open.offset, close.end, keys.toArray(new String[0]),
                values.toArray(new Expr[0]));
    }

    private Expr arrayLiteral(Token open) {
        requireVersion(open, SqlVersion.V2016_03_23, "an array literal");
        List<Expr> elements = new ArrayList<>();
        if (!peek().is(Kind.RBRACKET)) {
            do {
                elements.add(expr());
            } while (accept(Kind.COMMA));
        }
        Token close = expect(Kind.RBRACKET, "',' or ']'");
        return new Expr.ArrayLiteral(open.offset, close.end, elements.toArray(new Expr[0]));
    }

    private Expr number(Token t, boolean negative, int start) {
        String text = negative ? "-" + t.text : t.text;
        JsonNode value;
        if (t.is(Kind.INTEGER)) {
            try {
                value = LongNode.valueOf(Long.parseLong(text));
            } catch (NumberFormatException e) {
                value = Values.decimal(Double.parseDouble(text), version == SqlVersion.V2016_03_23);
            }
        } else {
            double d = Double.parseDouble(text);
            value = version == SqlVersion.V2016_03_23 ? Values.decimal(d, true) : DoubleNode.valueOf(d);
        }
        return new Expr.Literal(start, t.end, value);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private void requireVersion(Token at, SqlVersion since, String what) {
        if (version.compareTo(since) < 0) {
            throw error(at, what + " needs awsIotSqlVersion " + since.label() + " or later; this rule uses "
                    + version.label());
        }
    }

    private static boolean startsExpression(Token t) {
        switch (t.kind) {
            case IDENT:
                return !t.isKeyword("from") && !t.isKeyword("as");
            case COMMA:
            case EOF:
            case DOT:
            case RPAREN:
            case RBRACKET:
            case RBRACE:
            case COLON:
            case EQ: case NE: case LT: case LE: case GT: case GE:
            case PLUS: case SLASH: case PERCENT: case STAR:
                return false;
            default:
                return true;
        }
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (!t.is(Kind.EOF)) {
            i++;
        }
        return t;
    }

    private boolean accept(Kind kind) {
        if (peek().is(kind)) {
            i++;
            return true;
        }
        return false;
    }

    private Token expect(Kind kind, String what) {
        Token t = next();
        if (!t.is(kind)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    private void expectEnd(String what) {
        Token t = peek();
        if (!t.is(Kind.EOF)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
    }

    private RuleSqlException error(Token at, String reason) {
        return Lexer.error(src, at.offset, reason);
    }
}
