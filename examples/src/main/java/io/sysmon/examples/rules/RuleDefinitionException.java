package io.sysmon.examples.rules;

import java.util.List;

/**
 * A rule file that cannot be used: not JSON, a missing required field, SQL that does not compile, a bad
 * substitution template... The message names the file and every problem found, on one line separated by
 * {@code ; }, e.g. {@code rules/x.json: missing required field 'sql'; actions[0].s3: missing required field 'key'}.
 */
public final class RuleDefinitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    RuleDefinitionException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** @return the file (or other source) the rule came from */
    public String source() {
        return source;
    }

    /** @return every problem found, each naming the field it is about */
    public List<String> problems() {
        return problems;
    }
}
