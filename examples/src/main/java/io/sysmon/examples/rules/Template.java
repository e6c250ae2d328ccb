package io.sysmon.examples.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An action parameter with substitution templates, e.g. {@code device_id=${topic(3)}/${newuuid()}.json}. Each
 * {@code ${expression}} is an AWS IoT SQL expression evaluated against the original message (not the SELECT
 * result: aliases are not visible, SET variables are). A value is inserted by the standard String conversion;
 * Undefined and Null insert nothing.
 */
final class Template {

    /** A template that cannot be compiled; the message names the template and the reason. */
    static final class BadTemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadTemplateException(String message) {
            super(message);
        }
    }

    private final String text;
    private final String[] literals;
    private final Expr[] exprs;

    private Template(String text, String[] literals, Expr[] exprs) {
        this.text = text;
        this.literals = literals;
        this.exprs = exprs;
    }

    /**
     * @throws BadTemplateException for an unclosed <code>${</code> or an expression that does not compile
     */
    static Template compile(String text, SqlVersion version, Map<String, Integer> variables) {
        List<String> literals = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            int close = closingBrace(text, open + 2);
            if (close < 0) {
                throw new BadTemplateException("bad substitution template '" + shorten(text.substring(open))
                        + "': no closing '}'");
            }
            String expression = text.substring(open + 2, close);
            try {
                if (expression.isBlank()) {
                    throw Lexer.error(expression, 0, "expected an expression inside ${}");
                }
                exprs.add(Parser.expression(expression, version, variables));
            } catch (RuleSqlException e) {
                throw new BadTemplateException("bad substitution template '${" + expression + "}': "
                        + e.getMessage());
            }
            literals.add(literal.toString());
            literal.setLength(0);
            i = close + 1;
        }
        literals.add(literal.toString());
        return new Template(text, literals.toArray(new String[0]), exprs.toArray(new Expr[0]));
    }

    /** @return the index of the '}' closing a template opened before {@code from}, skipping quoted strings */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** @return whether the text has no templates */
    boolean isConstant() {
        return exprs.length == 0;
    }

    /** @return the text with every template replaced by its value's String conversion */
    String render(EvalContext c) {
        if (exprs.length == 0) {
            return literals[0];
        }
        if (exprs.length == 1 && literals[0].isEmpty() && literals[1].isEmpty()) {
            String s = Values.toText(exprs[0].eval(c));
            return s == null ? "" : s;
        }
        StringBuilder sb = new StringBuilder(text.length() + 32);
        for (int i = 0; i < exprs.length; i++) {
            sb.append(literals[i]);
            String s = Values.toText(exprs[i].eval(c));
            if (s != null) {
                sb.append(s);
            }
        }
        sb.append(literals[exprs.length]);
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
