package io.sysmon.examples.rules;

import java.util.Optional;

/**
 * What one rule did with one message, and why: the answer of {@link RuleEngine#test(TopicRule, Message)}, and
 * of {@link RuleEngine#evaluateAll(Message)} for every rule.
 *
 * @param rule the rule
 * @param status whether it fired, or what stopped it
 * @param whereValue for {@link Status#WHERE_NOT_TRUE}: {@code false} or {@code Undefined}; else {@code true}
 * @param match the match when it fired (from {@link RuleEngine#test}, also when a disabled rule would have),
 *     else null
 */
public record RuleOutcome(TopicRule rule, Status status, String whereValue, RuleMatch match) {

    /** Whether a rule fired, or what stopped it. */
    public enum Status {
        /** The topic matched, WHERE was true: the actions ran. */
        FIRED,
        /** {@code ruleDisabled} is true. */
        DISABLED,
        /** The message's topic does not match the rule's FROM filter. */
        TOPIC_NOT_MATCHED,
        /** The WHERE clause is false or Undefined for the message. */
        WHERE_NOT_TRUE
    }

    /** @return the match, when the rule fired */
    public Optional<RuleMatch> matched() {
        return Optional.ofNullable(match);
    }
}
