package io.sysmon.examples.rules;

/**
 * An AWS IoT SQL statement (or a substitution template's expression) cannot be compiled: a syntax error, an
 * unknown function or variable, or a feature the rule's SQL version lacks. The message reads
 * {@code SQL error at LINE:COLUMN: REASON}, e.g. {@code SQL error at 1:27: expected FROM, found 'WERE'}; line and
 * column are 1-based and count characters of the SQL text.
 */
public final class RuleSqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    RuleSqlException(int line, int column, String reason) {
        super("SQL error at " + line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** @return the 1-based line of the error in the SQL text */
    public int line() {
        return line;
    }

    /** @return the 1-based column of the error in its line */
    public int column() {
        return column;
    }

    /** @return what is wrong, without the position */
    public String reason() {
        return reason;
    }
}
