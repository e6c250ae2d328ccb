package io.sysmon.shadow;

import java.util.List;

/**
 * The client's configuration or credential files are wrong. It lists every problem found, each naming the
 * setting or file at fault and the fix, so a user can correct them all in one go.
 */
public class ShadowConfigException extends ShadowException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one line per problem; at least one */
    public ShadowConfigException(List<String> problems) {
        super(String.join("; ", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, one line each */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("problems must hold at least one problem");
        }
        return problems;
    }
}
