package io.sysmon.examples.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A tiny HTTP server on a free loopback port that records every POST body, answering with a chosen status. */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> contentTypes = new LinkedBlockingQueue<>();

    /** @param status what every request is answered with */
    public WebhookReceiver(int status) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/alerts", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (exchange.getRequestMethod().equals("POST")) {
                    contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                    bodies.add(body);
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** @return {@code http://127.0.0.1:PORT/alerts} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    /**
     * @param bound how long to wait
     * @return the next body received, or null when none came in time
     * @throws InterruptedException when interrupted
     */
    public String next(Duration bound) throws InterruptedException {
        return bodies.poll(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the Content-Type of the first request, or null */
    public String firstContentType() {
        return contentTypes.peek();
    }

    /** @return how many bodies are waiting to be taken with {@link #next} */
    public int waiting() {
        return bodies.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
