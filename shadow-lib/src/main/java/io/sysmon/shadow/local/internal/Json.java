package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;

/** The JSON plumbing the shadow service shares: one configured mapper and a few tree helpers. */
final class Json {

    /** Thread-safe once configured; never reconfigured after class initialisation. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            // "{...} garbage" is not a JSON document, and AWS rejects it.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    /**
     * Compares scalars by JSON value rather than by Java type: a device that reports {@code 5.0} for a desired
     * {@code 5} has done what was asked, and must not be sent the same delta again.
     */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
                return Long.compare(a.longValue(), b.longValue());
            }
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private Json() {
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        return a.equals(SAME_VALUE, b);
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Size in bytes of the compact UTF-8 JSON of {@code node}, counted without keeping the bytes. */
    static int compactSize(JsonNode node) {
        CountingStream counter = new CountingStream();
        try {
            MAPPER.writeValue(counter, node);
        } catch (IOException e) {
            // Only the stream could fail, and it cannot.
            throw new UncheckedIOException("could not measure a JSON tree", e);
        }
        return counter.count;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a JSON tree built by the shadow service", e);
        }
    }

    static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a JSON tree built by the shadow service", e);
        }
    }

    private static final class CountingStream extends OutputStream {
        private int count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
