package io.sysmon.examples;

import io.sysmon.shadow.ShadowAccepted;
import io.sysmon.shadow.ShadowRejectedException;
import io.sysmon.shadow.ShadowTimeoutException;
import io.sysmon.shadow.ShadowUpdateDroppedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Prints one line per shadow update when its answer arrives, and counts them:
 * {@code my_iot_device_1 accepted version 12}, {@code my_iot_device_1 rejected 413 The payload exceeds ...},
 * {@code ... dropped: ...}, {@code ... timeout: ...} or {@code ... failed: ...}. Thread-safe.
 *
 * <p>Answers arrive on shadow-lib's threads, which serve every client and must not wait for a slow stdout: there
 * a line is only queued, and printed by the command's own thread, through the {@code printer} executor while
 * it samples and in {@link #awaitAll} at the end.
 */
final class UpdateAnswers {

    private final String thing;
    private final PrintWriter out;
    private final Executor printer;
    private final Object lock = new Object();
    // Guarded by lock.
    private final Queue<String> unprinted = new ArrayDeque<>();
    private long outstanding;
    private long accepted;
    private long unsuccessful;
    private boolean outClosed;

    /**
     * @param thing the device, the first word of each line
     * @param out where the lines go
     * @param printer runs {@link #printAnswered()} on the command's thread soon after an answer arrives, e.g. the
     *     sampling loop
     */
    UpdateAnswers(String thing, PrintWriter out, Executor printer) {
        this.thing = thing;
        this.out = out;
        this.printer = printer;
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
        synchronized (lock) {
            unprinted.add(line);
            outstanding--;
            if (ok != null) {
                accepted++;
            } else {
                unsuccessful++;
            }
            lock.notifyAll();
        }
        printer.execute(this::printAnswered);
    }

    /**
     * Prints the lines of the answers that arrived since the last call, in the order they arrived. Call it from
     * one thread, the command's.
     */
    void printAnswered() {
        List<String> lines;
        synchronized (lock) {
            if (unprinted.isEmpty()) {
                return;
            }
            lines = new ArrayList<>(unprinted);
            unprinted.clear();
        }
        lines.forEach(out::println);
        boolean closed = out.checkError(); // flushes; true when stdout is closed, e.g. by `| head -3`
        synchronized (lock) {
            outClosed |= closed;
        }
    }

    private static String describe(Throwable error) {
        // The futures of DeviceShadowClient fail with the exception itself, never wrapped in a CompletionException.
        if (error instanceof ShadowRejectedException) {
            ShadowRejectedException rejected = (ShadowRejectedException) error;
            return "rejected " + rejected.code() + " " + rejected.errorMessage();
        }
        if (error instanceof ShadowUpdateDroppedException) {
            return "dropped: " + error.getMessage();
        }
        if (error instanceof ShadowTimeoutException) {
            return "timeout: " + error.getMessage();
        }
        return "failed: " + error.getMessage();
    }

    /**
     * Waits until every tracked update is answered, printing the answers' lines as they arrive; call it from the
     * thread that calls {@link #printAnswered()}.
     *
     * @param bound how long to wait at most
     * @return whether all were answered in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitAll(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            printAnswered();
            synchronized (lock) {
                if (unprinted.isEmpty()) { // else an answer came while printing: print it first
                    if (outstanding == 0) {
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            }
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
