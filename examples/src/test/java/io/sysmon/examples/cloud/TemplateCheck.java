package io.sysmon.examples.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what {@code aws cloudformation validate-template} cannot check without an account, and what it
 * does not check at all: that every {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} variable names a
 * parameter, a resource, a pseudo parameter or a Sub variable; that every condition used is defined; and that
 * a resource or output never refers to a conditional resource unless it is created under the same condition or
 * the reference sits in the matching branch of an {@code Fn::If} (CloudFormation rejects such a stack at
 * deploy time).
 */
final class TemplateCheck {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::Region", "AWS::AccountId", "AWS::Partition",
            "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final JsonNode template;
    private final Set<String> parameters = new HashSet<>();
    private final Set<String> conditions = new HashSet<>();
    private final Map<String, String> resourceConditions = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> usedParameters = new HashSet<>();
    private final Set<String> usedConditions = new HashSet<>();

    private TemplateCheck(JsonNode template) {
        this.template = template;
        template.path("Parameters").fieldNames().forEachRemaining(parameters::add);
        template.path("Conditions").fieldNames().forEachRemaining(conditions::add);
        template.path("Resources").properties().forEach(e -> resourceConditions.put(e.getKey(),
                e.getValue().path("Condition").asText(null)));
    }

    /**
     * @param template a CloudFormation template
     * @return every dangling reference, undefined condition, unguarded reference to a conditional resource,
     *     unused parameter and unused condition
     */
    static List<String> problems(JsonNode template) {
        TemplateCheck check = new TemplateCheck(template);
        check.run();
        return check.problems;
    }

    private void run() {
        template.path("Conditions").properties().forEach(e -> walk(e.getValue(), "Conditions." + e.getKey(),
                null, Set.of()));
        template.path("Resources").properties().forEach(e -> {
            String name = e.getKey();
            JsonNode resource = e.getValue();
            String condition = resource.path("Condition").asText(null);
            if (condition != null) {
                useCondition(condition, name);
            }
            for (JsonNode dependency : list(resource.path("DependsOn"))) {
                refer(dependency.asText(), "Resources." + name + ".DependsOn", condition, Set.of(), false);
            }
            walk(resource.path("Properties"), "Resources." + name, condition, Set.of());
        });
        template.path("Outputs").properties().forEach(e -> {
            String condition = e.getValue().path("Condition").asText(null);
            if (condition != null) {
                useCondition(condition, "Outputs." + e.getKey());
            }
            walk(e.getValue().path("Value"), "Outputs." + e.getKey(), condition, Set.of());
            walk(e.getValue().path("Export"), "Outputs." + e.getKey(), condition, Set.of());
        });
        for (String p : parameters) {
            if (!usedParameters.contains(p)) {
                problems.add("parameter " + p + " is never used");
            }
        }
        for (String c : conditions) {
            if (!usedConditions.contains(c)) {
                problems.add("condition " + c + " is never used");
            }
        }
    }

    /**
     * @param owner the condition the enclosing resource or output is created under, or null
     * @param guards the conditions known true here (the Fn::If branches taken to get here)
     */
    private void walk(JsonNode node, String where, String owner, Set<String> guards) {
        if (node.isArray()) {
            node.forEach(n -> walk(n, where, owner, guards));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode args = node.get(function);
            switch (function) {
                case "Ref" -> {
                    refer(args.asText(), where, owner, guards, true);
                    return;
                }
                case "Fn::GetAtt" -> {
                    String target = args.isArray() ? args.path(0).asText() : args.asText().split("\\.")[0];
                    refer(target, where, owner, guards, false);
                    return;
                }
                case "Fn::Sub" -> {
                    sub(args, where, owner, guards);
                    return;
                }
                case "Fn::If" -> {
                    String condition = args.path(0).asText();
                    useCondition(condition, where);
                    Set<String> taken = new HashSet<>(guards);
                    taken.add(condition);
                    walk(args.path(1), where, owner, taken);
                    walk(args.path(2), where, owner, guards);
                    return;
                }
                case "Condition" -> {
                    if (args.isTextual()) {
                        useCondition(args.asText(), where);
                        return;
                    }
                }
                default -> {
                    // an ordinary property, or another function: walk into it
                }
            }
        }
        node.properties().forEach(e -> walk(e.getValue(), where + "." + e.getKey(), owner, guards));
    }

    private void sub(JsonNode args, String where, String owner, Set<String> guards) {
        String text = args.isArray() ? args.path(0).asText() : args.asText();
        Set<String> variables = new LinkedHashSet<>();
        if (args.isArray()) {
            args.path(1).fieldNames().forEachRemaining(variables::add);
            walk(args.path(1), where, owner, guards);
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("!")) {
                continue; // ${!Literal} writes ${Literal}, e.g. an IoT policy variable
            }
            if (variables.contains(name)) {
                continue;
            }
            boolean attribute = name.contains(".") && !PSEUDO_PARAMETERS.contains(name);
            refer(attribute ? name.substring(0, name.indexOf('.')) : name, where + " (Fn::Sub ${" + name + "})",
                    owner, guards, !attribute);
        }
    }

    private void refer(String target, String where, String owner, Set<String> guards, boolean parameterAllowed) {
        if (PSEUDO_PARAMETERS.contains(target)) {
            return;
        }
        if (parameterAllowed && parameters.contains(target)) {
            usedParameters.add(target);
            return;
        }
        if (!resourceConditions.containsKey(target)) {
            problems.add(where + " refers to " + target + ", which is no "
                    + (parameterAllowed ? "parameter, pseudo parameter or " : "") + "resource");
            return;
        }
        String needed = resourceConditions.get(target);
        if (needed != null && !implies(owner, needed) && guards.stream().noneMatch(g -> implies(g, needed))) {
            problems.add(where + " refers to " + target + ", which exists only if " + needed
                    + "; put the reference under that condition (Condition or Fn::If)");
        }
    }

    /** @return whether condition {@code a} makes {@code b} true: the same, or an Fn::And that holds it */
    private boolean implies(String a, String b) {
        if (a == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        for (JsonNode term : template.path("Conditions").path(a).path("Fn::And")) {
            if (term.has("Condition") && implies(term.get("Condition").asText(), b)) {
                return true;
            }
        }
        return false;
    }

    private void useCondition(String name, String where) {
        if (!conditions.contains(name)) {
            problems.add(where + " uses the undefined condition " + name);
        }
        usedConditions.add(name);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(result::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            result.add(node);
        }
        return result;
    }
}
