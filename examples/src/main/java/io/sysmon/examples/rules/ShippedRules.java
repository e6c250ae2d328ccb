package io.sysmon.examples.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The topic rules that ship with sysmon ({@code examples/rules/*.json}, packed into the jar under
 * {@code rules/}): the same files that {@code aws iot create-topic-rule} installs on AWS.
 */
public final class ShippedRules {

    /** The shipped rule files, in the order they are evaluated. */
    public static final List<String> FILES = List.of(
            "shadow-to-timestream.json",
            "shadow-to-influxdb.json",
            "shadow-to-s3.json",
            "shadow-alerts-to-sns.json");

    private ShippedRules() {
    }

    /**
     * @return every shipped rule, loaded from the class path
     * @throws RuleDefinitionException if a shipped file is broken (the tests make sure none is)
     */
    public static List<TopicRule> load() {
        List<TopicRule> rules = new ArrayList<>(FILES.size());
        for (String file : FILES) {
            rules.add(load(file));
        }
        return rules;
    }

    /**
     * @param file one of {@link #FILES}
     * @return that rule, loaded from the class path
     */
    public static TopicRule load(String file) {
        return TopicRule.loadResource("rules/" + file);
    }
}
