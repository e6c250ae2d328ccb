package io.sysmon.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.examples.cli.Json;
import io.sysmon.shadow.AwsIotNames;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * The cloud side's console for {@code sysmon local}, one line at a time on stdin: {@code set THING KEY=VALUE}
 * changes the thing's desired state (as the AWS IoT console or {@code UpdateThingShadow} does), {@code get THING}
 * prints its shadow. VALUE is JSON ({@code 5}, {@code 0.5}, {@code true}, {@code "text"}), or else taken as text.
 */
final class LocalConsole {

    /** How to use it, in one line. */
    static final String USAGE = "type 'set THING KEY=VALUE' to change a desired value (e.g. set my_iot_device_1 "
            + "interval=5), 'get THING' to print a shadow";

    private final LocalIotEndpoint endpoint;
    private final PrintWriter out;
    private final Function<String, Optional<String>> more;

    /**
     * @param endpoint the running endpoint
     * @param out where answers go
     */
    LocalConsole(LocalIotEndpoint endpoint, PrintWriter out) {
        this(endpoint, out, line -> Optional.empty());
    }

    /**
     * @param endpoint the running endpoint
     * @param out where answers go
     * @param more answers the lines a command adds to the console, or empty for the usual ones
     */
    LocalConsole(LocalIotEndpoint endpoint, PrintWriter out, Function<String, Optional<String>> more) {
        this.endpoint = endpoint;
        this.out = out;
        this.more = more;
    }

    /**
     * Serves {@code in} on a daemon thread until it ends; a closed stdin (a background job) just ends it.
     *
     * @param in the lines to serve
     */
    void serve(InputStream in) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    out.println(answer(line));
                    out.flush();
                }
            } catch (IOException e) {
                LoggerFactory.getLogger(LocalConsole.class).debug("stdin: {}", e.getMessage());
            }
        }, "sysmon-local-console");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param line one console line
     * @return the one-line answer to print
     */
    String answer(String line) {
        Optional<String> extra = more.apply(line);
        if (extra.isPresent()) {
            return extra.get();
        }
        String[] words = line.strip().split("\\s+", 3);
        if (words.length == 3 && words[0].equals("set")) {
            return set(words[1], words[2]);
        }
        if (words.length == 2 && words[0].equals("get")) {
            return get(words[1]);
        }
        if (words.length == 1 && words[0].isEmpty()) {
            return "";
        }
        return "? " + USAGE;
    }

    private String set(String thing, String assignment) {
        if (!AwsIotNames.isValidThingName(thing)) {
            return "? not a thing name: " + thing;
        }
        int eq = assignment.indexOf('=');
        String key = eq < 0 ? "" : assignment.substring(0, eq).strip();
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            return "? expected KEY=VALUE, got " + assignment;
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.putObject("state").putObject("desired").set(key, value(assignment.substring(eq + 1).strip()));
        String answer = endpoint.updateShadow(thing, Optional.empty(), request.toString());
        return thing + " " + summarise(answer);
    }

    private String get(String thing) {
        if (!AwsIotNames.isValidThingName(thing)) {
            return "? not a thing name: " + thing;
        }
        return thing + " " + endpoint.shadowDocument(thing, Optional.empty()).orElse("has no shadow yet");
    }

    /** @return the text as JSON when it is JSON, otherwise as a JSON string */
    static JsonNode value(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // plain text
        }
        return JsonNodeFactory.instance.textNode(text);
    }

    /** @return {@code accepted version 7} or {@code rejected 400 message}, else the answer itself */
    static String summarise(String answer) {
        try {
            JsonNode node = Json.MAPPER.readTree(answer);
            if (node.has("code")) {
                return "rejected " + node.path("code").asInt() + " " + node.path("message").asText();
            }
            if (node.has("version")) {
                return "accepted version " + node.path("version").asLong() + ": " + node.path("state");
            }
        } catch (JsonProcessingException e) {
            // shown as it is
        }
        return answer;
    }
}
