package io.sysmon.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopRequestTest {

    @Test
    void answersAreAwaitedLongEnoughForTheSlowestUnlessTheUserWantsOut() {
        StopRequest stop = StopRequest.manual();
        assertEquals(Duration.ofSeconds(15), stop.answerWait(Duration.ofSeconds(10)));
        stop.request();
        assertEquals(Duration.ofSeconds(5), stop.answerWait(Duration.ofSeconds(10)));
    }
}
