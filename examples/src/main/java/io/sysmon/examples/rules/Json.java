package io.sysmon.examples.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/** The one configured Jackson mapper of the rules engine, and a fast writer for the trees it evaluates. */
final class Json {

    /** Rejects trailing content, so {@code {"a":1} junk} counts as a binary payload, as on AWS. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** Reads payloads: a reader made once skips the mapper's per-call configuration lookups. */
    static final ObjectReader READER = MAPPER.reader();

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json() {
    }

    /**
     * Writes a tree as compact JSON, as Jackson's {@code writeValueAsString} does with its fast double writer,
     * without its per-call setup (a message's S3 object, SNS message and log event are each one such call).
     *
     * @return {@code node} as compact JSON
     */
    static String write(JsonNode node) {
        Out out = BUFFER.get();
        out.len = 0;
        append(out, node);
        String json = out.toString();
        if (out.buf.length > MAX_KEPT_BUFFER) {
            out.buf = new char[INITIAL_BUFFER]; // a huge payload once should not pin its buffer to the thread
        }
        return json;
    }

    private static final int INITIAL_BUFFER = 1024;
    private static final int MAX_KEPT_BUFFER = 64 * 1024;
    /** One buffer per thread: writing a message's JSON then allocates only the resulting string. */
    private static final ThreadLocal<Out> BUFFER = ThreadLocal.withInitial(Out::new);

    /** A growable char buffer: StringBuilder without its per-append checks for Latin-1 versus UTF-16. */
    private static final class Out {
        char[] buf = new char[INITIAL_BUFFER];
        int len;

        void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        Out append(char c) {
            ensure(1);
            buf[len++] = c;
            return this;
        }

        Out append(String s) {
            int n = s.length();
            ensure(n);
            s.getChars(0, n, buf, len);
            len += n;
            return this;
        }

        Out append(String s, int from, int to) {
            ensure(to - from);
            s.getChars(from, to, buf, len);
            len += to - from;
            return this;
        }

        Out append(long v) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            ensure(20);
            if (v < 0) {
                buf[len++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (char) ('0' + v % 10);
                v /= 10;
            }
            len += digits;
            return this;
        }

        @Override
        public String toString() {
            return new String(buf, 0, len);
        }
    }

    private static void append(Out sb, JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT: {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    quote(sb, e.getKey());
                    sb.append(':');
                    append(sb, e.getValue());
                }
                sb.append('}');
                return;
            }
            case ARRAY: {
                sb.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    append(sb, n.get(i));
                }
                sb.append(']');
                return;
            }
            case STRING:
                quote(sb, n.textValue());
                return;
            case NUMBER:
                if (n.isIntegralNumber() && n.canConvertToLong()) {
                    sb.append(n.longValue());
                } else if (n.isDouble()) {
                    sb.append(Values.decimalText(n.doubleValue()));
                } else {
                    sb.append(n.asText());
                }
                return;
            case BOOLEAN:
                sb.append(n.booleanValue() ? "true" : "false");
                return;
            case NULL:
                sb.append("null");
                return;
            case BINARY:
                try {
                    sb.append('"').append(Base64.getEncoder().encodeToString(n.binaryValue())).append('"');
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            case MISSING:
                return;
            default:
                try {
                    sb.append(MAPPER.writeValueAsString(n));
                } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
        }
    }

    /** Quotes a string as Jackson does by default: {@code " \} and control characters escaped, nothing else. */
    private static void quote(Out sb, String s) {
        sb.append('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    break;
            }
        }
        sb.append(s, start, s.length()).append('"');
    }
}
