package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * An offline AWS IoT rules engine: evaluates compiled topic rules against messages and renders what their
 * actions would send, without contacting AWS.
 *
 * <pre>{@code
 * RuleEngine engine = new RuleEngine(ShippedRules.load());
 * for (RuleMatch m : engine.evaluate("$aws/things/my_iot_device_1/shadow/update", payload, "my_iot_device_1",
 *         Instant.now())) {
 *     for (ActionRequest request : m.actions()) { ... }
 * }
 * }</pre>
 *
 * <p>Per message the payload is parsed once; then, for each rule: topic filter, SET, WHERE, SELECT, actions.
 * Message content never makes it throw: a missing or mistyped field is Undefined, as on AWS, and an action that
 * would fail gives an {@link ActionFailure} (and the rule's error action). Immutable and thread-safe.
 */
public final class RuleEngine {

    private final List<TopicRule> rules;
    private final Supplier<UUID> uuids;
    /** The distinct FROM filters (rules often share one), and which one each rule uses. */
    private final TopicFilter[] filters;
    private final int[] filterOf;
    /** Each rule's outcome for a message it is not evaluated for, made once as they never change. */
    private final RuleOutcome[] topicNotMatched;
    private final RuleOutcome[] disabled;

    /**
     * @param rules the rules, evaluated in this order
     */
    public RuleEngine(List<TopicRule> rules) {
        this(rules, RuleEngine::randomUuid);
    }

    /**
     * @param rules the rules, evaluated in this order
     * @param uuids what {@code newuuid()} returns, e.g. a fixed sequence in tests
     */
    public RuleEngine(List<TopicRule> rules, Supplier<UUID> uuids) {
        this.rules = List.copyOf(rules);
        this.uuids = Objects.requireNonNull(uuids, "uuids must not be null");
        List<TopicFilter> distinct = new ArrayList<>();
        this.filterOf = new int[this.rules.size()];
        for (int i = 0; i < filterOf.length; i++) {
            TopicFilter f = this.rules.get(i).sql().from();
            int index = distinct.indexOf(f);
            if (index < 0) {
                index = distinct.size();
                distinct.add(f);
            }
            filterOf[i] = index;
        }
        this.filters = distinct.toArray(new TopicFilter[0]);
        this.topicNotMatched = new RuleOutcome[filterOf.length];
        this.disabled = new RuleOutcome[filterOf.length];
        for (int i = 0; i < filterOf.length; i++) {
            TopicRule rule = this.rules.get(i);
            topicNotMatched[i] = new RuleOutcome(rule, RuleOutcome.Status.TOPIC_NOT_MATCHED, "true", null);
            disabled[i] = new RuleOutcome(rule, RuleOutcome.Status.DISABLED, "true", null);
        }
    }

    /** @return the rules */
    public List<TopicRule> rules() {
        return rules;
    }

    /**
     * Evaluates every enabled rule against one message.
     *
     * @param topic the topic the message was published to
     * @param payload its payload (JSON, or anything else, which is treated as binary)
     * @param clientId the sender's client id, or null
     * @param now when the rules engine received it ({@code timestamp()})
     * @return the rules that fired, in rule order, each with its action requests
     */
    public List<RuleMatch> evaluate(String topic, byte[] payload, String clientId, Instant now) {
        return evaluate(Message.of(topic, payload, clientId, now));
    }

    /**
     * @param message a message
     * @return the rules that fired, in rule order, each with its action requests
     */
    public List<RuleMatch> evaluate(Message message) {
        List<RuleOutcome> outcomes = evaluateAll(message);
        List<RuleMatch> matches = new ArrayList<>(outcomes.size());
        for (RuleOutcome outcome : outcomes) {
            if (outcome.match() != null) {
                matches.add(outcome.match());
            }
        }
        return matches;
    }

    /**
     * Evaluates every enabled rule against one message and says what each rule did: the one evaluation a caller
     * needs when it acts both on the rules that fired and on those whose WHERE was false (e.g. to resolve an
     * alert). A disabled rule is not evaluated: its outcome is {@link RuleOutcome.Status#DISABLED} without a match
     * (unlike {@link #test}, which evaluates it anyway).
     *
     * @param message a message
     * @return one outcome per rule, in rule order
     */
    public List<RuleOutcome> evaluateAll(Message message) {
        EvalContext c = new EvalContext(message, uuids);
        List<RuleOutcome> outcomes = new ArrayList<>(rules.size());
        String topic = message.topic();
        byte[] filterMatched = new byte[filters.length]; // 0 not tried yet, 1 matches, 2 does not
        for (int i = 0; i < rules.size(); i++) {
            TopicRule rule = rules.get(i);
            int f = filterOf[i];
            if (filterMatched[f] == 0) {
                filterMatched[f] = filters[f].matches(topic) ? (byte) 1 : (byte) 2;
            }
            if (filterMatched[f] != 1) {
                outcomes.add(topicNotMatched[i]);
            } else if (rule.disabled()) {
                outcomes.add(disabled[i]);
            } else {
                outcomes.add(outcome(rule, c, RuleOutcome.Status.FIRED));
            }
        }
        return outcomes;
    }

    /**
     * Evaluates one rule, whatever its {@code ruleDisabled}, and says why it did not fire when it did not:
     * what the console's SQL tester and {@code sysmon rule-test} show.
     *
     * @param rule a rule
     * @param message a message
     * @return the outcome
     */
    public RuleOutcome test(TopicRule rule, Message message) {
        if (!rule.sql().from().matches(message.topic())) {
            return new RuleOutcome(rule, RuleOutcome.Status.TOPIC_NOT_MATCHED, "true", null);
        }
        return outcome(rule, new EvalContext(message, uuids),
                rule.disabled() ? RuleOutcome.Status.DISABLED : RuleOutcome.Status.FIRED);
    }

    /**
     * Renders a rule's error action for actions that failed outside this engine, e.g. a file that could not be
     * written where the request said: the same request AWS would send, with the action's templates evaluated
     * against the message and AWS's error document as its payload.
     *
     * @param rule the rule whose actions failed
     * @param message the message it was evaluating
     * @param failures what failed, at least one
     * @return the error action's request, or empty when the rule has no error action
     * @throws IllegalArgumentException when {@code failures} is empty
     */
    public Optional<ActionRequest> renderErrorAction(TopicRule rule, Message message, List<ActionFailure> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("an error action needs at least one failure");
        }
        if (rule.errorAction().isEmpty()) {
            return Optional.empty();
        }
        EvalContext c = new EvalContext(message, uuids);
        rule.sql().enter(c); // templates may read the rule's SET variables
        return renderErrorAction(rule, c, failures);
    }

    /** @param passing what the rule's outcome is when its WHERE is true */
    private static RuleOutcome outcome(TopicRule rule, EvalContext c, RuleOutcome.Status passing) {
        JsonNode where = rule.sql().enterAndWhere(c);
        if (where != Values.TRUE) {
            return new RuleOutcome(rule, RuleOutcome.Status.WHERE_NOT_TRUE,
                    where.isMissingNode() ? "Undefined" : where.asText(), null);
        }
        return new RuleOutcome(rule, passing, "true", fire(rule, c));
    }

    private static RuleMatch fire(TopicRule rule, EvalContext c) {
        JsonNode result = rule.sql().select(c);
        List<RuleAction> actions = rule.actions();
        List<ActionRequest> requests = new ArrayList<>(actions.size());
        List<ActionFailure> failures = null;
        for (int i = 0; i < actions.size(); i++) {
            ActionRequest r = actions.get(i).render(c, result);
            requests.add(r);
            if (r instanceof ActionFailure) {
                if (failures == null) {
                    failures = new ArrayList<>(1);
                }
                failures.add((ActionFailure) r);
            }
        }
        List<ActionRequest> errorRequests = failures == null ? List.of()
                : renderErrorAction(rule, c, failures).map(List::of).orElse(List.of());
        return new RuleMatch(rule, result, requests, errorRequests);
    }

    /** @param c the message's context, already entered on the rule */
    private static Optional<ActionRequest> renderErrorAction(TopicRule rule, EvalContext c,
            List<ActionFailure> failures) {
        return rule.errorAction().map(action -> action.render(c,
                errorDocument(rule, c.message, c.uuids.get(), failures)));
    }

    /**
     * The document AWS IoT hands to a rule's error action.
     *
     * @param rule the rule whose actions failed
     * @param message the message it was evaluating
     * @param traceId the trace id to report
     * @param failures what failed
     * @return {@code {"ruleName","topic","cloudwatchTraceId","clientId","base64OriginalPayload","failures"}}
     */
    public static ObjectNode errorDocument(TopicRule rule, Message message, UUID traceId,
            List<ActionFailure> failures) {
        ObjectNode doc = Json.NODES.objectNode();
        doc.put("ruleName", rule.name());
        doc.put("topic", message.topic());
        doc.put("cloudwatchTraceId", traceId.toString());
        doc.put("clientId", message.clientId());
        doc.put("base64OriginalPayload", Base64.getEncoder().encodeToString(message.payloadBytes()));
        ArrayNode list = doc.putArray("failures");
        for (ActionFailure f : failures) {
            list.addObject()
                    .put("failedAction", f.failedAction())
                    .put("failedResource", f.failedResource())
                    .put("errorMessage", f.errorMessage());
        }
        return doc;
    }

    /** A random (version 4) UUID from a fast, non-cryptographic source: ids, not secrets. */
    static UUID randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
