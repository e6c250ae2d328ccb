package io.sysmon.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FixedRateLoopTest {

    private static final long SECOND = 1_000_000_000L;

    /** Time that moves only when the loop waits or a step says it took a while. */
    private static class ManualTicker implements FixedRateLoop.Ticker {
        long now = 5 * SECOND; // not 0, so the loop cannot rely on starting at 0
        final List<Long> waits = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Object monitor, long nanos) {
            waits.add(nanos);
            now += nanos;
        }
    }

    @Test
    void stepsStartOnAFixedGridWhateverTheyTake() throws Exception {
        ManualTicker ticker = new ManualTicker();
        long start = ticker.now;
        List<Long> startedAt = new ArrayList<>();
        long[] durations = {SECOND / 10, 3 * SECOND, 0, SECOND * 9 / 10, 9 * SECOND};

        long ran = new FixedRateLoop(Duration.ofSeconds(10), 5, ticker).run(StopRequest.manual(), i -> {
            startedAt.add(ticker.now - start);
            ticker.now += durations[(int) i];
            return true;
        });

        assertEquals(5, ran);
        assertEquals(List.of(0L, 10 * SECOND, 20 * SECOND, 30 * SECOND, 40 * SECOND), startedAt);
    }

    @Test
    void anOverrunSkipsTheMissedSlotsInsteadOfBursting() throws Exception {
        ManualTicker ticker = new ManualTicker();
        long start = ticker.now;
        List<Long> startedAt = new ArrayList<>();

        new FixedRateLoop(Duration.ofSeconds(1), 4, ticker).run(StopRequest.manual(), i -> {
            startedAt.add(ticker.now - start);
            ticker.now += i == 1 ? SECOND * 5 / 2 : SECOND / 10; // step 1 runs over two and a half slots
            return true;
        });

        // Step 1 starts at 1 s and ends at 3.5 s: the slots at 2 s and 3 s are gone, the next starts at 4 s.
        assertEquals(List.of(0L, SECOND, 4 * SECOND, 5 * SECOND), startedAt);
        assertTrue(ticker.waits.stream().allMatch(w -> w > 0), ticker.waits::toString);
    }

    @Test
    void anOverrunEndingExactlyOnASlotRunsTheNextStepAtOnce() throws Exception {
        ManualTicker ticker = new ManualTicker();
        long start = ticker.now;
        List<Long> startedAt = new ArrayList<>();

        new FixedRateLoop(Duration.ofSeconds(1), 3, ticker).run(StopRequest.manual(), i -> {
            startedAt.add(ticker.now - start);
            ticker.now += i == 0 ? SECOND : 0;
            return true;
        });

        assertEquals(List.of(0L, SECOND, 2 * SECOND), startedAt);
    }

    @Test
    void aStopRequestEndsTheLoopBeforeTheNextStep() throws Exception {
        ManualTicker ticker = new ManualTicker();
        StopRequest stop = StopRequest.manual();

        long ran = new FixedRateLoop(Duration.ofSeconds(1), Long.MAX_VALUE, ticker).run(stop, i -> {
            if (i == 2) {
                stop.request();
            }
            return true;
        });

        assertEquals(3, ran);
    }

    @Test
    void aStepReturningFalseEndsTheLoop() throws Exception {
        long ran = new FixedRateLoop(Duration.ofSeconds(1), 10, new ManualTicker())
                .run(StopRequest.manual(), i -> i < 1);
        assertEquals(2, ran);
    }

    @Test
    void nothingRunsWhenStoppedBeforeStarting() throws Exception {
        StopRequest stop = StopRequest.manual();
        stop.request();
        assertEquals(0, new FixedRateLoop(Duration.ofSeconds(1), 10, new ManualTicker()).run(stop, i -> true));
    }

    @Test
    void aStopRequestWakesARealWaitAtOnce() throws Exception {
        StopRequest stop = StopRequest.manual();
        CountDownLatch firstStepDone = new CountDownLatch(1);
        AtomicLong ran = new AtomicLong(-1);
        Thread loop = new Thread(() -> {
            try {
                ran.set(new FixedRateLoop(Duration.ofDays(1), Long.MAX_VALUE).run(stop, i -> {
                    firstStepDone.countDown();
                    return true;
                }));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        loop.start();
        assertTrue(firstStepDone.await(10, TimeUnit.SECONDS), "first step never ran");

        stop.request();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> loop.join());
        assertEquals(1, ran.get());
    }

    @Test
    void aNewIntervalCountsFromTheLastStepsSlot() throws Exception {
        ManualTicker ticker = new ManualTicker();
        long start = ticker.now;
        List<Long> startedAt = new ArrayList<>();
        FixedRateLoop loop = new FixedRateLoop(Duration.ofSeconds(1), 5, ticker);

        loop.run(StopRequest.manual(), i -> {
            startedAt.add(ticker.now - start);
            ticker.now += SECOND / 10;
            if (i == 1) {
                loop.interval(Duration.ofSeconds(3));
            }
            return true;
        });

        assertEquals(List.of(0L, SECOND, 4 * SECOND, 7 * SECOND, 10 * SECOND), startedAt);
        assertEquals(Duration.ofSeconds(3), loop.interval());
    }

    @Test
    void aShorterIntervalWhoseSlotHasPassedDuringTheWaitRunsTheNextStepAtOnce() throws Exception {
        List<FixedRateLoop> loops = new ArrayList<>();
        ManualTicker ticker = new ManualTicker() {
            @Override
            public void sleep(Object monitor, long nanos) {
                if (waits.isEmpty()) { // 5 s into the first 10 s wait, the interval becomes 1 s
                    waits.add(nanos);
                    now += 5 * SECOND;
                    loops.get(0).interval(Duration.ofSeconds(1));
                } else {
                    super.sleep(monitor, nanos);
                }
            }
        };
        long start = ticker.now;
        List<Long> startedAt = new ArrayList<>();
        loops.add(new FixedRateLoop(Duration.ofSeconds(10), 3, ticker));

        loops.get(0).run(StopRequest.manual(), i -> {
            startedAt.add(ticker.now - start);
            return true;
        });

        // Step 1 was due at 1 s under the new interval; that has passed, so it runs at once, at 5 s, and the new
        // grid starts there: step 2 runs at 6 s.
        assertEquals(List.of(0L, 5 * SECOND, 6 * SECOND), startedAt);
    }

    @Test
    void aChangeDuringALongStepStartsTheNewGridWhenTheStepEnds() throws Exception {
        ManualTicker ticker = new ManualTicker();
        long start = ticker.now;
        List<Long> startedAt = new ArrayList<>();
        FixedRateLoop loop = new FixedRateLoop(Duration.ofSeconds(10), 3, ticker);

        loop.run(StopRequest.manual(), i -> {
            startedAt.add(ticker.now - start);
            if (i == 0) {
                loop.interval(Duration.ofSeconds(1));
                ticker.now += SECOND * 5 / 2;
            }
            return true;
        });

        // Not an overrun of the new interval (no slots skipped): the next step runs when this one ends.
        assertEquals(List.of(0L, SECOND * 5 / 2, SECOND * 7 / 2), startedAt);
    }

    @Test
    void aNewIntervalWakesALongWait() throws Exception {
        StopRequest stop = StopRequest.manual();
        FixedRateLoop loop = new FixedRateLoop(Duration.ofDays(1), 2);
        CountDownLatch firstStepDone = new CountDownLatch(1);
        AtomicLong ran = new AtomicLong(-1);
        Thread thread = new Thread(() -> {
            try {
                ran.set(loop.run(stop, i -> {
                    firstStepDone.countDown();
                    return true;
                }));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        thread.start();
        assertTrue(firstStepDone.await(10, TimeUnit.SECONDS), "first step never ran");

        loop.interval(Duration.ofMillis(10));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> thread.join());
        assertEquals(2, ran.get());
    }

    @Test
    void aTaskFromAnotherThreadRunsOnTheLoopsThreadDuringTheWait() throws Exception {
        StopRequest stop = StopRequest.manual();
        FixedRateLoop loop = new FixedRateLoop(Duration.ofDays(1), 2);
        CountDownLatch firstStepDone = new CountDownLatch(1);
        CountDownLatch taskRan = new CountDownLatch(1);
        List<Thread> ranOn = new ArrayList<>();
        Thread thread = new Thread(() -> {
            try {
                loop.run(stop, i -> {
                    firstStepDone.countDown();
                    return true;
                });
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        thread.start();
        assertTrue(firstStepDone.await(10, TimeUnit.SECONDS), "first step never ran");

        loop.execute(() -> {
            ranOn.add(Thread.currentThread());
            taskRan.countDown();
        });

        assertTrue(taskRan.await(10, TimeUnit.SECONDS), "the task waited for the next step, a day away");
        assertEquals(List.of(thread), ranOn);
        stop.request();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> thread.join());
    }

    @Test
    void aTaskHandedOverDuringAStepRunsBeforeTheNextStep() throws Exception {
        ManualTicker ticker = new ManualTicker();
        FixedRateLoop loop = new FixedRateLoop(Duration.ofSeconds(10), 2, ticker);
        List<String> events = new ArrayList<>();

        loop.run(StopRequest.manual(), i -> {
            events.add("step " + i);
            loop.execute(() -> events.add("task after step " + i));
            return true;
        });

        assertEquals(List.of("step 0", "task after step 0", "step 1"), events);
    }

    @Test
    void intervalsMustBePositive() {
        FixedRateLoop loop = new FixedRateLoop(Duration.ofSeconds(1), 1);
        assertThrows(IllegalArgumentException.class, () -> loop.interval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new FixedRateLoop(Duration.ofSeconds(-1), 1));
        assertThrows(IllegalArgumentException.class, () -> new FixedRateLoop(Duration.ofSeconds(1), 0));
    }
}
