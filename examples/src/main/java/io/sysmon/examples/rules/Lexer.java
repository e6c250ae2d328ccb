package io.sysmon.examples.rules;

import java.util.ArrayList;
import java.util.List;

/** Splits AWS IoT SQL text into tokens; keywords are recognised by the parser, case-insensitively. */
final class Lexer {

    enum Kind {
        IDENT, VARIABLE, INTEGER, DECIMAL, STRING,
        LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, DOT, COLON,
        PLUS, MINUS, STAR, SLASH, PERCENT, EQ, NE, LT, LE, GT, GE,
        EOF
    }

    /** One token: its kind, its text (a string literal's text is unquoted) and where it starts. */
    static final class Token {
        final Kind kind;
        final String text;
        final int offset;
        final int end;

        Token(Kind kind, String text, int offset, int end) {
            this.kind = kind;
            this.text = text;
            this.offset = offset;
            this.end = end;
        }

        boolean is(Kind k) {
            return kind == k;
        }

        boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }

        /** @return the token as an error message shows it */
        String describe() {
            switch (kind) {
                case EOF:
                    return "the end of the statement";
                case STRING:
                    return "string '" + text + "'";
                default:
                    return "'" + text + "'";
            }
        }
    }

    private final String src;
    private int pos;
    /** Whether the previous token ends an operand, after which {@code .5} is a member access, not a number. */
    private boolean afterOperand;

    private Lexer(String src) {
        this.src = src;
    }

    /**
     * @param src SQL text
     * @return its tokens, ending with an {@link Kind#EOF} token
     * @throws RuleSqlException for a character that starts no token or an unterminated string
     */
    static List<Token> tokenize(String src) {
        Lexer lexer = new Lexer(src);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
            lexer.afterOperand = t.kind == Kind.IDENT || t.kind == Kind.INTEGER || t.kind == Kind.DECIMAL
                    || t.kind == Kind.STRING || t.kind == Kind.VARIABLE || t.kind == Kind.RPAREN
                    || t.kind == Kind.RBRACKET || t.kind == Kind.RBRACE;
        } while (t.kind != Kind.EOF);
        return tokens;
    }

    /** @return a compile error at a character offset of {@code src} */
    static RuleSqlException error(String src, int offset, String reason) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new RuleSqlException(line, column, reason);
    }

    private Token next() {
        skipSpace();
        int start = pos;
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", pos, pos);
        }
        char c = src.charAt(pos);
        if (Character.isLetter(c) || c == '_') {
            pos++;
            while (pos < src.length() && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            return token(Kind.IDENT, start);
        }
        if (c == '@') {
            pos++;
            while (pos < src.length() && isIdentPart(src.charAt(pos))) {
                pos++;
            }
            if (pos == start + 1) {
                throw error(src, start, "expected a variable name after '@'");
            }
            return token(Kind.VARIABLE, start);
        }
        if (isDigit(c) || (c == '.' && !afterOperand && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number(start);
        }
        if (c == '\'' || c == '"') {
            return string(start, c);
        }
        pos++;
        switch (c) {
            case '(': return token(Kind.LPAREN, start);
            case ')': return token(Kind.RPAREN, start);
            case '[': return token(Kind.LBRACKET, start);
            case ']': return token(Kind.RBRACKET, start);
            case '{': return token(Kind.LBRACE, start);
            case '}': return token(Kind.RBRACE, start);
            case ',': return token(Kind.COMMA, start);
            case '.': return token(Kind.DOT, start);
            case ':': return token(Kind.COLON, start);
            case '+': return token(Kind.PLUS, start);
            case '-': return token(Kind.MINUS, start);
            case '*': return token(Kind.STAR, start);
            case '/': return token(Kind.SLASH, start);
            case '%': return token(Kind.PERCENT, start);
            case '=':
                if (peek('=')) {
                    pos++;
                }
                return token(Kind.EQ, start);
            case '!':
                if (peek('=')) {
                    pos++;
                    return token(Kind.NE, start);
                }
                break;
            case '<':
                if (peek('>')) {
                    pos++;
                    return token(Kind.NE, start);
                }
                if (peek('=')) {
                    pos++;
                    return token(Kind.LE, start);
                }
                return token(Kind.LT, start);
            case '>':
                if (peek('=')) {
                    pos++;
                    return token(Kind.GE, start);
                }
                return token(Kind.GT, start);
            default:
                break;
        }
        throw error(src, start, "unexpected character '" + c + "'");
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private Token number(int start) {
        boolean decimal = false;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.'
                && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
            decimal = true;
            pos++;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        } else if (start == pos && src.charAt(pos) == '.') {
            decimal = true;
            pos++;
            while (pos < src.length() && isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
                pos++;
            }
            if (pos < src.length() && isDigit(src.charAt(pos))) {
                decimal = true;
                while (pos < src.length() && isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        if (pos < src.length() && isIdentPart(src.charAt(pos))) {
            throw error(src, start, "malformed number '" + src.substring(start, pos + 1) + "'");
        }
        return token(decimal ? Kind.DECIMAL : Kind.INTEGER, start);
    }

    /** Quotes are escaped by doubling them ({@code 'it''s'}) or with a backslash ({@code 'it\'s'}). */
    private Token string(int start, char quote) {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == quote) {
                if (peekAt(pos + 1, quote)) {
                    sb.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return new Token(Kind.STRING, sb.toString(), start, pos);
            }
            if (c == '\\' && pos + 1 < src.length()) {
                char e = src.charAt(pos + 1);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case '\\': case '\'': case '"': case '/': sb.append(e); break;
                    default: sb.append(c).append(e); break;
                }
                pos += 2;
                continue;
            }
            sb.append(c);
            pos++;
        }
        throw error(src, start, "unterminated string: no closing " + quote);
    }

    private Token token(Kind kind, int start) {
        return new Token(kind, src.substring(start, pos), start, pos);
    }

    private boolean peek(char c) {
        return peekAt(pos, c);
    }

    private boolean peekAt(int at, char c) {
        return at < src.length() && src.charAt(at) == c;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
