package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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

    @Test
    void aSuppliedMessageIsBuiltOnlyForTheWarning() {
        List<String> sink = new ArrayList<>();
        WarnOnce warnings = new WarnOnce(sink::add);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            warnings.warn("/a", () -> "a is broken " + built.incrementAndGet());
        }
        assertEquals(List.of("a is broken 1"), sink);
        // The test binding logs at INFO, so the repeats (DEBUG) must not build their message either.
        assertFalse(LoggerFactory.getLogger(WarnOnce.class).isDebugEnabled(), "test binding logs at DEBUG");
        assertEquals(1, built.get());
    }

    @Test
    void aCauseReachesTheLoggerAsTheLastArgumentOnce() {
        String log = stderrOf(() -> {
            WarnOnce warnings = WarnOnce.toLog(LoggerFactory.getLogger("io.sysmon.WarnOnceTestLogger"));
            for (int i = 0; i < 3; i++) {
                warnings.warn("reading", "reading failed", new IllegalStateException("simulated failure"));
            }
            warnings.warn("other", "other failed");
        });
        List<String> lines = log.lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.endsWith(" WARN io.sysmon.WarnOnceTestLogger - reading failed"))
                .count(), log);
        // slf4j prints a last-argument Throwable with its stack trace.
        assertEquals(1, lines.stream().filter(l -> l.equals("java.lang.IllegalStateException: simulated failure"))
                .count(), log);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat ")), log);
        assertEquals(1, lines.stream().filter(l -> l.endsWith(" WARN io.sysmon.WarnOnceTestLogger - other failed"))
                .count(), log);
    }

    /** slf4j-simple writes to whatever {@code System.err} is at the time, so swapping it captures the log. */
    private static String stderrOf(Runnable logging) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
