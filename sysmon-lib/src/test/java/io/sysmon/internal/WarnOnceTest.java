package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarnOnceTest {

    @Test
    void eachKeyReachesTheSinkOnce() {
        List<String> sink = new ArrayList<>();
        WarnOnce warnings = new WarnOnce(sink::add);
        for (int i = 0; i < 10; i++) {
            warnings.warn("/a", "a is broken " + i);
            warnings.warn("/b", "b is broken " + i);
        }
        assertEquals(List.of("a is broken 0", "b is broken 0"), sink);
    }

    @Test
    void onceEvenAcrossThreads() throws InterruptedException {
        List<String> sink = Collections.synchronizedList(new ArrayList<>());
        WarnOnce warnings = new WarnOnce(sink::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            pool.execute(() -> warnings.warn("/a", "a"));
        }
        pool.shutdown();
        assertEquals(true, pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(List.of("a"), sink);
    }
}
