package io.sysmon.examples.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A one-way "please stop" flag that a long-running command polls and waits on, set by Ctrl-C, by
 * {@code kill} or by a test.
 *
 * <p>{@link #onSignals()} takes over SIGINT and SIGTERM while the command runs: the first signal asks the
 * command to stop after its current step, so it can flush its output and exit with status 0; a second one exits
 * at once. A shutdown hook cannot do this, because once the JVM is shutting down its exit status is already
 * 130 or 143. {@code sun.misc.Signal} is the JDK's supported-but-unofficial way in (module
 * {@code jdk.unsupported}); where it is unavailable (e.g. under {@code -Xrs}), a shutdown hook still stops the
 * command cleanly, but the exit status is the JVM's.
 */
public final class StopRequest implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};
    private static final long HOOK_WAIT_SECONDS = 10;
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Runnable> undo = new ArrayList<>();
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();

    /** Undoes a {@link #whenRequested(Runnable)}. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private StopRequest() {
    }

    /** @return a request that only {@link #request()} sets */
    public static StopRequest manual() {
        return new StopRequest();
    }

    /** @return a request that SIGINT and SIGTERM set, until {@link #close()} gives the signals back */
    public static StopRequest onSignals() {
        StopRequest stop = new StopRequest();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, stop::onSignal);
                stop.undo.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | LinkageError e) {
                stop.stopFromShutdownHook();
                break;
            }
        }
        return stop;
    }

    private void onSignal(Signal signal) {
        if (isRequested()) {
            Runtime.getRuntime().exit(128 + signal.getNumber());
        }
        LoggerFactory.getLogger(StopRequest.class)
                .info("SIG{} received: stopping after the current step (repeat to quit at once)", signal.getName());
        request();
    }

    private void stopFromShutdownHook() {
        Thread hook = new Thread(() -> {
            request();
            try {
                closed.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sysmon-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        undo.add(() -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running and waits for closed, which close() counts down next
            }
        });
    }

    /** Asks the command to stop; safe from any thread, idempotent. */
    public void request() {
        if (!isRequested()) {
            requested.countDown();
            wakeUps.forEach(Runnable::run);
        }
    }

    /**
     * Registers a quick, non-blocking action to run once a stop is requested, e.g. to wake a thread that waits on
     * something else; it runs at once when a stop was already requested. It may run more than once.
     *
     * @param wakeUp the action; runs on the thread that requests the stop (a signal handler's, say)
     * @return closing it unregisters the action
     */
    public Registration whenRequested(Runnable wakeUp) {
        wakeUps.add(wakeUp);
        if (isRequested()) {
            wakeUp.run();
        }
        return () -> wakeUps.remove(wakeUp);
    }

    /** @return whether a stop was requested */
    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /**
     * Waits until a stop is requested or the time is up.
     *
     * @param nanos how long to wait at most
     * @return whether a stop was requested
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean await(long nanos) throws InterruptedException {
        return requested.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * How long a command waits, before it closes its connections, for the answers to what it already sent: after a
     * stop request only a little, since the user wants out; otherwise long enough for the slowest answer.
     *
     * @param responseTimeout how long one answer may take
     * @return 5 s once a stop was requested, else {@code responseTimeout} plus 5 s
     */
    public Duration answerWait(Duration responseTimeout) {
        return isRequested() ? ANSWER_GRACE : responseTimeout.plus(ANSWER_GRACE);
    }

    /** Gives SIGINT and SIGTERM back to their previous handlers. */
    @Override
    public void close() {
        undo.forEach(Runnable::run);
        undo.clear();
        closed.countDown();
    }
}
