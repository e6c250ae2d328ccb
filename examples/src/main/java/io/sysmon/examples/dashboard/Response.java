package io.sysmon.examples.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One HTTP answer, built in memory (so a failure half-way becomes a clean 500, and the length is known) and
 * gzipped on the way out when the client accepts it.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param cacheControl the {@code Cache-Control}
 * @param body the body
 */
record Response(int status, String contentType, String cacheControl, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String NO_STORE = "no-store";

    /** Smaller bodies are not worth compressing: the gzip header and a round trip cost more than they save. */
    private static final int GZIP_MIN_BYTES = 1024;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    /** Writes JSON with a streaming generator. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    static Response json(int status, JsonBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(bytes)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return new Response(status, JSON, NO_STORE, bytes.toByteArray());
    }

    static Response error(int status, String message) {
        return json(status, json -> {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        });
    }

    /** Sends the answer, gzipped when the body is text, big enough, and the client accepts gzip. */
    void send(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", cacheControl);
        headers.set("X-Content-Type-Options", "nosniff");
        byte[] out = body;
        if (compressible()) {
            headers.set("Vary", "Accept-Encoding");
            if (body.length >= GZIP_MIN_BYTES && acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"))) {
                out = gzip(body);
                headers.set("Content-Encoding", "gzip");
            }
        }
        // A HEAD answer (only ever a 405 here) has headers and no body.
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, out.length == 0 || head ? -1 : out.length);
        if (out.length > 0 && !head) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    private boolean compressible() {
        return contentType.startsWith("text/") || contentType.startsWith("application/json")
                || contentType.startsWith("image/svg");
    }

    /**
     * @param acceptEncoding the {@code Accept-Encoding} header's values, or null
     * @return whether they list gzip (or {@code *}) without {@code q=0}
     */
    static boolean acceptsGzip(java.util.List<String> acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String header : acceptEncoding) {
            for (String item : header.split(",")) {
                String[] parts = item.split(";");
                String coding = parts[0].strip();
                if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                    return !refused(parts);
                }
            }
        }
        return false;
    }

    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().replace(" ", "");
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2)) <= 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new FastGzip(bytes)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The fastest level: JSON of numbers still shrinks to a third, in about half the default level's time. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
