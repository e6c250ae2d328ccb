package io.sysmon.examples.cloud;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Timestream SQL or Flux query text names: measures, fields, snake_case identifiers. */
final class QueryText {

    private static final Pattern MEASURE_NAME = Pattern.compile("measure_name\\s*=\\s*'([^']*)'");
    private static final Pattern MEASURE_IN = Pattern.compile("measure_name\\s+IN\\s*\\(([^)]*)\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FLUX_FIELD = Pattern.compile("r\\._field\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern SNAKE_CASE = Pattern.compile("\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b");
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(--|//).*$");

    private QueryText() {
    }

    /** @return the measures a Timestream query selects by {@code measure_name}, or a Flux query by {@code _field} */
    static Set<String> measures(String query) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = MEASURE_NAME.matcher(query);
        while (m.find()) {
            found.add(m.group(1));
        }
        m = MEASURE_IN.matcher(query);
        while (m.find()) {
            for (String quoted : m.group(1).split(",")) {
                found.add(quoted.strip().replace("'", ""));
            }
        }
        m = FLUX_FIELD.matcher(query);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** @return every snake_case word outside comments and string literals' quotes: column, alias, function */
    static Set<String> snakeCaseWords(String query) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = SNAKE_CASE.matcher(withoutComments(query));
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** @return the query without {@code --} and {@code //} line comments */
    static String withoutComments(String query) {
        return LINE_COMMENT.matcher(query).replaceAll("");
    }
}
