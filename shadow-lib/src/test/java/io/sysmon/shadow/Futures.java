package io.sysmon.shadow;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Assertions on how a future fails. */
final class Futures {

    /** Long enough for a round trip to a real broker on a loaded machine; a mocked one answers at once. */
    private static final long WAIT_SECONDS = 20;

    private Futures() {
    }

    /**
     * Asserts that {@code future} fails, within 20 s, with an exception of {@code type}.
     *
     * @return that exception, for further checks
     */
    static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(type, e.getCause());
    }
}
