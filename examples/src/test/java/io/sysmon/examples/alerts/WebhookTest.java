package io.sysmon.examples.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WebhookTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aBacklogWarnsOnceAndAgainOnlyAfterItDrained() throws Exception {
        AtomicReference<CountDownLatch> release = new AtomicReference<>(new CountDownLatch(1));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                release.get().await(BOUND.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            List<String> warnings = new CopyOnWriteArrayList<>();
            Webhook webhook = new Webhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts"),
                    2, warnings::add);

            for (int i = 0; i < 5; i++) {
                webhook.post("{}"); // the first is held by the receiver, the second waits, the rest are dropped
            }
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).contains("2 notifications are waiting for delivery"), warnings::toString);

            release.get().countDown();
            assertTrue(webhook.await(BOUND));
            webhook.post("{}");
            assertTrue(webhook.await(BOUND));
            assertEquals(1, warnings.size(), "delivered without a backlog: " + warnings);

            release.set(new CountDownLatch(1));
            for (int i = 0; i < 3; i++) {
                webhook.post("{}");
            }
            assertEquals(2, warnings.size(), "a new backlog after the last one drained: " + warnings);
            release.get().countDown();
            assertTrue(webhook.await(BOUND));
        } finally {
            release.get().countDown();
            server.stop(0);
        }
    }
}
