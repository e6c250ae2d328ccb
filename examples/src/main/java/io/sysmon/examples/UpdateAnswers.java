package io.sysmon.examples;

import io.sysmon.shadow.ShadowAccepted;
import io.sysmon.shadow.ShadowRejectedException;
import io.sysmon.shadow.ShadowTimeoutException;
import io.sysmon.shadow.ShadowUpdateDroppedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Prints one line per shadow update when its answer arrives, and counts them:
 * {@code my_iot_device_1 accepted version 12}, {@code my_iot_device_1 rejected 413 The payload exceeds ...},
 * {@code ... dropped: ...}, {@code ... timeout: ...} or {@code ... failed: ...}. Thread-safe.
 */
final class UpdateAnswers {

    private final String thing;
    private final PrintWriter out;
    private final Object lock = new Object();
    // Guarded by lock.
    private long outstanding;
    private long accepted;
    private long unsuccessful;
    private boolean outClosed;

    /**
     * @param thing the device, the first word of each line
     * @param out where the lines go
     */
    UpdateAnswers(String thing, PrintWriter out) {
        this.thing = thing;
        this.out = out;
    }

    /** @param update the future {@code DeviceShadowClient.update} returned */
    void track(CompletableFuture<ShadowAccepted> update) {
        synchronized (lock) {
            outstanding++;
        }
        update.whenComplete(this::answered);
    }

    private void answered(ShadowAccepted ok, Throwable error) {
        String line = thing + " " + (ok != null ? "accepted version " + ok.version() : describe(error));
        out.println(line);
        boolean closed = out.checkError(); // flushes; true when stdout is closed, e.g. by `| head -3`
        synchronized (lock) {
            outstanding--;
            if (ok != null) {
                accepted++;
            } else {
                unsuccessful++;
            }
            outClosed |= closed;
            lock.notifyAll();
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ShadowRejectedException) {
            ShadowRejectedException rejected = (ShadowRejectedException) cause;
            return "rejected " + rejected.code() + " " + rejected.errorMessage();
        }
        if (cause instanceof ShadowUpdateDroppedException) {
            return "dropped: " + cause.getMessage();
        }
        if (cause instanceof ShadowTimeoutException) {
            return "timeout: " + cause.getMessage();
        }
        return "failed: " + cause.getMessage();
    }

    /**
     * Waits until every tracked update is answered.
     *
     * @param bound how long to wait at most
     * @return whether all were answered in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitAll(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lock) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** @return whether every update was answered, and accepted */
    boolean allAccepted() {
        synchronized (lock) {
            return outstanding == 0 && unsuccessful == 0;
        }
    }

    /** @return whether stdout was found closed */
    boolean outClosed() {
        synchronized (lock) {
            return outClosed;
        }
    }

    /** @return e.g. {@code 3 updates: 3 accepted, 0 not} */
    String summary() {
        synchronized (lock) {
            return (accepted + unsuccessful + outstanding) + " update(s): " + accepted + " accepted, " + unsuccessful
                    + " not" + (outstanding > 0 ? ", " + outstanding + " unanswered" : "");
        }
    }
}
