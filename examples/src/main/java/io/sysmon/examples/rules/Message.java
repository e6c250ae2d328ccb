package io.sysmon.examples.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * One MQTT message as the rules engine sees it: its topic, its payload, the client that sent it and when the
 * engine received it. The payload is parsed once, here, and shared by every rule evaluated against it.
 *
 * <p>A payload that is a JSON object or array is JSON. Anything else (not UTF-8 JSON, a bare number or string,
 * trailing garbage) is treated as AWS treats a binary payload: every field path evaluates to Undefined, and
 * {@code SELECT *} returns the raw bytes. Instances are immutable and thread-safe.
 */
public final class Message {

    /** What {@code clientid()} returns when the message has no client id, as on AWS for non-MQTT messages. */
    public static final String NO_CLIENT_ID = "n/a";

    private final String topic;
    private final byte[] payloadBytes;
    private final JsonNode payload;
    private final String clientId;
    private final Instant receivedAt;
    // Where each topic level starts, and each level's value: found on first use. Not synchronized: a race
    // only makes a level twice, and an int[] or JsonNode[] is published whole through the volatile write.
    private volatile int[] levelStarts;
    private JsonNode[] levelNodes;

    private Message(String topic, byte[] payloadBytes, JsonNode payload, String clientId, Instant receivedAt) {
        this.topic = topic;
        this.payloadBytes = payloadBytes;
        this.payload = payload;
        this.clientId = clientId;
        this.receivedAt = receivedAt;
    }

    /**
     * Parses a payload into a message.
     *
     * @param topic the topic it was published to, e.g. {@code $aws/things/my_iot_device_1/shadow/update}
     * @param payloadBytes the payload, not copied: do not change it afterwards
     * @param clientId the MQTT client id of the sender, or {@code null} for none ({@code clientid()} then
     *     returns {@value #NO_CLIENT_ID})
     * @param receivedAt when the rules engine received it: {@code timestamp()} returns it in milliseconds
     * @return the message
     */
    public static Message of(String topic, byte[] payloadBytes, String clientId, Instant receivedAt) {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(payloadBytes, "payloadBytes must not be null");
        Objects.requireNonNull(receivedAt, "receivedAt must not be null");
        return new Message(topic, payloadBytes, parse(payloadBytes), clientId, receivedAt);
    }

    /** @return a JSON object or array, or {@link MissingNode} for a payload AWS would treat as binary */
    private static JsonNode parse(byte[] bytes) {
        // A cheap look at the first character keeps binary payloads from costing an exception each.
        int i = 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i++;
        }
        if (i == bytes.length || (bytes[i] != '{' && bytes[i] != '[')) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = Json.READER.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) { // not JSON (or deeper or longer than Jackson's limits): binary, as on AWS
            return MissingNode.getInstance();
        }
    }

    /** @return the topic */
    public String topic() {
        return topic;
    }

    /** @return the raw payload, not a copy: do not change it */
    public byte[] payloadBytes() {
        return payloadBytes;
    }

    /** @return the parsed payload, or a {@link MissingNode} when it is not JSON; do not change it */
    public JsonNode payload() {
        return payload;
    }

    /** @return whether the payload is JSON (an object or an array) */
    public boolean isJson() {
        return !payload.isMissingNode();
    }

    /** @return the sender's client id, or {@value #NO_CLIENT_ID} */
    public String clientId() {
        return clientId == null ? NO_CLIENT_ID : clientId;
    }

    /** @return when the rules engine received the message */
    public Instant receivedAt() {
        return receivedAt;
    }

    /**
     * @param n a 1-based level number
     * @return that level of the topic as a String value, or null when the topic has fewer levels; each level's
     *     node is made once, on first use
     */
    JsonNode topicLevel(int n) {
        int[] starts = levelStarts;
        if (starts == null) {
            int count = 1;
            for (int i = 0; i < topic.length(); i++) {
                if (topic.charAt(i) == '/') {
                    count++;
                }
            }
            starts = new int[count + 1];
            int level = 1;
            for (int i = 0; i < topic.length(); i++) {
                if (topic.charAt(i) == '/') {
                    starts[level++] = i + 1;
                }
            }
            starts[count] = topic.length() + 1;
            levelNodes = new JsonNode[count];
            levelStarts = starts;
        }
        if (n < 1 || n >= starts.length) {
            return null;
        }
        JsonNode node = levelNodes[n - 1];
        if (node == null) {
            node = TextNode.valueOf(topic.substring(starts[n - 1], starts[n] - 1));
            levelNodes[n - 1] = node;
        }
        return node;
    }

    @Override
    public String toString() {
        return "Message{topic=" + topic + ", clientId=" + clientId() + ", " + payloadBytes.length + " bytes}";
    }
}
