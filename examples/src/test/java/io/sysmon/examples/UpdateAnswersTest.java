package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.shadow.ShadowAccepted;
import io.sysmon.shadow.ShadowRejectedException;
import io.sysmon.shadow.ShadowTimeoutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UpdateAnswersTest {

    private final StringWriter text = new StringWriter();
    private final List<Runnable> handedOver = new ArrayList<>();
    private final UpdateAnswers answers = new UpdateAnswers("my_iot_device_1", new PrintWriter(text),
            handedOver::add);

    @Test
    void theThreadThatCompletesAnUpdateOnlyQueuesItsLineForThePrinter() {
        CompletableFuture<ShadowAccepted> first = new CompletableFuture<>();
        CompletableFuture<ShadowAccepted> second = new CompletableFuture<>();
        CompletableFuture<ShadowAccepted> third = new CompletableFuture<>();
        answers.track(first);
        answers.track(second);
        answers.track(third);

        second.complete(new ShadowAccepted(8, Instant.EPOCH, "t2"));
        first.completeExceptionally(new ShadowRejectedException(413, "The payload exceeds the maximum size", "t1"));

        assertEquals("", text.toString(), "printed on the thread that completed the future");
        assertEquals(2, handedOver.size());
        handedOver.forEach(Runnable::run);
        assertEquals(List.of("my_iot_device_1 accepted version 8",
                "my_iot_device_1 rejected 413 The payload exceeds the maximum size"), text.toString().lines().toList(),
                "in the order the answers arrived");

        third.completeExceptionally(new ShadowTimeoutException("no answer within 10000 ms"));
        handedOver.get(2).run();
        handedOver.get(0).run(); // a late task finds nothing left to print
        assertEquals("my_iot_device_1 timeout: no answer within 10000 ms", text.toString().lines().toList().get(2));
        assertEquals(3, text.toString().lines().count());
        assertFalse(answers.allAccepted());
        assertEquals("3 update(s): 1 accepted, 2 not", answers.summary());
    }

    @Test
    void awaitAllPrintsTheAnswersAsTheyArrive() throws Exception {
        CompletableFuture<ShadowAccepted> update = new CompletableFuture<>();
        answers.track(update);
        Thread answering = new Thread(() -> {
            sleep(200);
            update.complete(new ShadowAccepted(3, Instant.EPOCH, "t"));
        });
        answering.start();

        assertTrue(answers.awaitAll(Duration.ofSeconds(10)));
        answering.join();

        assertEquals(List.of("my_iot_device_1 accepted version 3"), text.toString().lines().toList());
        assertTrue(answers.allAccepted());
        assertEquals("1 update(s): 1 accepted, 0 not", answers.summary());
    }

    @Test
    void awaitAllGivesUpAfterItsBoundAndSaysWhatIsUnanswered() throws Exception {
        answers.track(new CompletableFuture<>());

        assertFalse(answers.awaitAll(Duration.ofMillis(50)));
        assertEquals("1 update(s): 0 accepted, 0 not, 1 unanswered", answers.summary());
        assertFalse(answers.allAccepted());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
