package io.sysmon.examples;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.examples.cli.BadValueException;
import io.sysmon.examples.cli.CommandFailedException;
import io.sysmon.examples.rules.ActionFailure;
import io.sysmon.examples.rules.ActionRequest;
import io.sysmon.examples.rules.Message;
import io.sysmon.examples.rules.RuleDefinitionException;
import io.sysmon.examples.rules.RuleEngine;
import io.sysmon.examples.rules.RuleMatch;
import io.sysmon.examples.rules.RuleOutcome;
import io.sysmon.examples.rules.TopicRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Tutorial step 4, offline: evaluates a topic rule file against one message, like the SQL tester of the AWS IoT
 * console, and shows what its actions would send.
 */
@Command(name = "rule-test",
        description = {"Tutorial step 4, offline: evaluate an AWS IoT topic rule file (the JSON aws iot "
                + "create-topic-rule takes) against one message, like the console's SQL tester. Prints the SELECT "
                + "result as one JSON line, then one JSON line per action with what it would send "
                + "(an action that would fail prints its failure, then the rule's error action).",
                "Exit status: 0 the rule fires; 1 its topic filter or WHERE stops the message; "
                        + "2 a bad rule file or bad arguments.",
                "Example: sysmon rule-test --rule examples/rules/shadow-to-timestream.json "
                        + "--topic '$aws/things/my_iot_device_1/shadow/update' "
                        + "--payload '{\"state\":{\"reported\":{\"cpu_usage\":12.5,\"timestamp\":1714564800}}}'"})
final class RuleTestCommand implements Callable<Integer> {

    @Option(names = "--rule", required = true, paramLabel = "FILE",
            description = "The rule file, e.g. examples/rules/shadow-to-timestream.json.")
    private Path ruleFile;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", converter = TopicName.class,
            description = "The topic the message is published to, e.g. $aws/things/my_iot_device_1/shadow/update.")
    private String topic;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "The sender's MQTT client id, for clientid() (default: none, clientid() gives n/a).")
    private String clientId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private PayloadSource payload;

    @Option(names = "--timestamp", paramLabel = "MILLIS", converter = EpochMillis.class,
            description = "When the rules engine receives the message, for timestamp(), in milliseconds since "
                    + "the epoch (default: now).")
    private Long timestampMillis;

    @Spec
    private CommandSpec spec;

    /** Where the payload comes from: exactly one of the two. */
    static final class PayloadSource {
        @Option(names = "--payload", required = true, paramLabel = "JSON",
                description = "The payload itself (anything not JSON is treated as binary, as on AWS).")
        String text;

        @Option(names = "--payload-file", required = true, paramLabel = "FILE",
                description = "A file holding the payload.")
        Path file;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prefix = spec.qualifiedName() + ": ";

        TopicRule rule;
        byte[] bytes;
        try {
            rule = TopicRule.load(ruleFile);
            bytes = payload.text != null ? payload.text.getBytes(StandardCharsets.UTF_8)
                    : Files.readAllBytes(payload.file);
        } catch (RuleDefinitionException e) {
            return badInput(err, prefix + e.getMessage());
        } catch (NoSuchFileException e) {
            return badInput(err, prefix + (e.getFile().equals(ruleFile.toString()) ? "--rule " : "--payload-file ")
                    + e.getFile() + ": no such file");
        } catch (IOException e) {
            return badInput(err, prefix + "cannot read " + e.getMessage());
        }

        Instant now = timestampMillis == null ? Instant.now() : Instant.ofEpochMilli(timestampMillis);
        Message message = Message.of(topic, bytes, clientId, now);
        RuleOutcome outcome = new RuleEngine(List.of(rule)).test(rule, message);
        switch (outcome.status()) {
            case TOPIC_NOT_MATCHED:
                throw new CommandFailedException("the rule does not fire: topic '" + topic
                        + "' does not match FROM '" + rule.sql().from() + "'", null);
            case WHERE_NOT_TRUE:
                throw new CommandFailedException("the rule does not fire: WHERE " + rule.sql().where().orElse("")
                        + " is " + outcome.whereValue() + " for this message"
                        + (message.isJson() ? "" : " (the payload is not JSON, so every field is Undefined)"), null);
            case DISABLED:
                throw new CommandFailedException("the rule does not fire: it is disabled (\"ruleDisabled\": true)",
                        null);
            default:
                break;
        }

        RuleMatch match = outcome.matched().orElseThrow();
        // ASCII only, so any terminal shows valid JSON; decimals written as the engine writes them.
        ObjectWriter json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build().writer();
        boolean plainJson = !match.result().isMissingNode() && !match.result().isBinary();
        out.println(plainJson ? json.writeValueAsString(match.result()) : match.resultJson());
        for (ActionRequest request : match.actions()) {
            out.println(json.writeValueAsString(request.toJson()));
            if (request instanceof ActionFailure) {
                err.println(prefix + "the " + request.action() + " action would fail: "
                        + ((ActionFailure) request).errorMessage());
            }
        }
        for (ActionRequest request : match.errorActions()) {
            ObjectNode line = request.toJson();
            ObjectNode renamed = line.objectNode().put("errorAction", request.action());
            line.remove("action");
            renamed.setAll(line);
            out.println(json.writeValueAsString(renamed));
        }
        out.flush();
        return 0;
    }

    /** A bad rule file or payload file: one line, exit status 2, like any other bad argument. */
    private static int badInput(PrintWriter err, String line) {
        err.println(line);
        err.flush();
        return 2;
    }

    /** An MQTT topic name: not empty, no wildcards. */
    static final class TopicName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isEmpty() || value.contains("+") || value.contains("#") || value.indexOf('\0') >= 0) {
                throw new BadValueException("must be an MQTT topic name without wildcards (+ #), "
                        + "e.g. $aws/things/my_iot_device_1/shadow/update", value);
            }
            return value;
        }
    }

    /** Milliseconds since the epoch. */
    static final class EpochMillis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long millis = Long.parseLong(value);
                if (millis >= 0) {
                    return millis;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new BadValueException("must be milliseconds since the epoch, a whole number >= 0", value);
        }
    }
}
