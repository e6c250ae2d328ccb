package io.sysmon.shadow.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShadowServiceConcurrencyTest extends ShadowTestSupport {

    private static final int THREADS = 4;
    private static final int UPDATES_PER_THREAD = 250;

    @Test
    void concurrentUpdatesToOneShadowLoseNothing() throws Exception {
        Set<Long> acceptedVersions = ConcurrentHashMap.newKeySet();
        Set<Long> listenedVersions = ConcurrentHashMap.newKeySet();
        service.addListener(update -> listenedVersions.add(update.version()));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String attribute = "t" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= UPDATES_PER_THREAD; i++) {
                        byte[] payload = ("{\"state\":{\"reported\":{\"" + attribute + "\":" + i + "}}}")
                                .getBytes(StandardCharsets.UTF_8);
                        ShadowService.Result result = service.handle(UPDATE, payload, CLIENT);
                        acceptedVersions.add(message(result, UPDATE + "/accepted").get("version").longValue());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }

        int total = THREADS * UPDATES_PER_THREAD;
        JsonNode document = document();
        assertEquals(total, document.get("version").intValue());
        for (int t = 0; t < THREADS; t++) {
            assertEquals(UPDATES_PER_THREAD, document.at("/state/reported/t" + t).intValue(), document::toString);
        }
        assertEquals(total, acceptedVersions.size(), "every update got its own version");
        assertEquals(acceptedVersions, listenedVersions);
    }

    @Test
    void differentShadowsUpdatedFromSeveralThreadsKeepTheirOwnVersions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String topic = "$aws/things/thing-" + t + "/shadow/update";
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < UPDATES_PER_THREAD; i++) {
                        service.handle(topic, "{\"state\":{\"reported\":{\"i\":1}}}".getBytes(StandardCharsets.UTF_8),
                                CLIENT);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        for (int t = 0; t < THREADS; t++) {
            String document = service.document("thing-" + t, java.util.Optional.empty()).orElseThrow();
            assertEquals(UPDATES_PER_THREAD, json(document).get("version").intValue());
        }
    }
}
