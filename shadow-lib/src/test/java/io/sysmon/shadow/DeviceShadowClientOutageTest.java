package io.sysmon.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.shadow.local.AcceptedUpdate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint goes away for more than five seconds and comes back: nothing made meanwhile is lost or reordered. */
class DeviceShadowClientOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void everyUpdateMadeDuringTheOutageArrivesInOrder() throws Exception {
        try (LocalEndpointFixture local = new LocalEndpointFixture(dir)) {
            List<Long> seenSequence = new CopyOnWriteArrayList<>();
            local.endpoint.addAcceptedUpdateListener((AcceptedUpdate update) -> seenSequence.add(sequenceOf(update)));
            CountDownLatch disconnected = new CountDownLatch(1);
            CountDownLatch reconnected = new CountDownLatch(2);
            ShadowClientConfig config = local.configFor("outage_device").listener(new ShadowClientListener() {
                @Override
                public void onConnected() {
                    reconnected.countDown();
                }

                @Override
                public void onDisconnected(String reason) {
                    disconnected.countDown();
                }
            }).build();

            try (DeviceShadowClient client = DeviceShadowClient.init(config)) {
                client.update(Map.of("seq", 0)).get(20, TimeUnit.SECONDS);

                local.endpoint.stop();
                assertTrue(disconnected.await(30, TimeUnit.SECONDS), "the client never noticed the outage");
                long outageStart = System.nanoTime();
                List<CompletableFuture<ShadowAccepted>> duringOutage = new ArrayList<>();
                long seq = 1;
                // One update every 250 ms for as long as the endpoint is down (at least five seconds).
                while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                    duringOutage.add(client.update(Map.of("seq", seq++)));
                    // Paces the updates, and proves the client did not "reconnect" to a stopped endpoint.
                    assertFalse(reconnected.await(250, TimeUnit.MILLISECONDS), "reconnected while the endpoint was down");
                }
                assertTrue(client.pendingRequests() >= duringOutage.size(), "updates should wait in the queue");
                local.endpoint.start();

                long previousVersion = 0;
                for (CompletableFuture<ShadowAccepted> future : duringOutage) {
                    ShadowAccepted accepted = future.get(60, TimeUnit.SECONDS);
                    assertTrue(accepted.version() > previousVersion, "versions must increase in submission order");
                    previousVersion = accepted.version();
                }
                assertEquals(0, client.droppedUpdates());
                List<Long> expected = new ArrayList<>();
                for (long i = 0; i < seq; i++) {
                    expected.add(i);
                }
                assertEquals(expected, dedupe(seenSequence), "the service must see every update, in order");
            }
        }
    }

    private static long sequenceOf(AcceptedUpdate update) {
        try {
            JsonNode request = JSON.readTree(update.request());
            return request.path("state").path("reported").path("seq").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** A request in flight when the connection dropped may be applied twice; that is allowed, reordering is not. */
    private static List<Long> dedupe(List<Long> sequence) {
        List<Long> result = new ArrayList<>();
        for (Long value : sequence) {
            if (result.isEmpty() || !result.get(result.size() - 1).equals(value)) {
                result.add(value);
            }
        }
        return result;
    }
}
