package io.sysmon.examples.rules;

import java.util.Objects;

/**
 * An MQTT topic filter, as in a rule's {@code FROM '$aws/things/+/shadow/update'}: {@code +} matches one level,
 * a final {@code #} matches any number of levels (zero included: {@code a/#} matches {@code a}). As MQTT requires,
 * a filter starting with a wildcard does not match topics starting with {@code $}, so {@code #} does not match
 * {@code $aws/...}. Matching allocates nothing. Immutable and thread-safe.
 */
public final class TopicFilter {

    private final String filter;
    private final String[] levels;

    private TopicFilter(String filter, String[] levels) {
        this.filter = filter;
        this.levels = levels;
    }

    /**
     * @param filter a topic filter
     * @return it, compiled
     * @throws IllegalArgumentException naming the problem, for an empty filter or a misplaced wildcard
     */
    public static TopicFilter of(String filter) {
        String problem = problem(filter);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new TopicFilter(filter, filter.split("/", -1));
    }

    /** @return what is wrong with {@code filter}, or null when it is a valid topic filter */
    static String problem(String filter) {
        Objects.requireNonNull(filter, "filter must not be null");
        if (filter.isEmpty()) {
            return "the topic filter is empty";
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "'#' must be a whole level and the last one, in topic filter '" + filter + "'";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "'+' must be a whole level, in topic filter '" + filter + "'";
            }
        }
        return null;
    }

    /**
     * @param topic a topic name (no wildcards)
     * @return whether this filter matches it
     */
    public boolean matches(String topic) {
        int t = 0;
        int length = topic.length();
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.length() == 1 && (level.charAt(0) == '#' || level.charAt(0) == '+');
            if (wildcard && i == 0 && length > 0 && topic.charAt(0) == '$') {
                return false;
            }
            if (wildcard && level.charAt(0) == '#') {
                return true;
            }
            if (t > length) {
                return false; // the topic has fewer levels
            }
            int end = topic.indexOf('/', t);
            if (end < 0) {
                end = length;
            }
            if (!wildcard && (end - t != level.length() || !topic.regionMatches(t, level, 0, level.length()))) {
                return false;
            }
            t = end + 1;
        }
        return t == length + 1;
    }

    /** @return the filter as written */
    @Override
    public String toString() {
        return filter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFilter && filter.equals(((TopicFilter) o).filter);
    }

    @Override
    public int hashCode() {
        return filter.hashCode();
    }
}
