package io.sysmon.examples.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step at a fixed rate, like {@code ScheduledExecutorService.scheduleAtFixedRate} but on the calling
 * thread and stoppable: step {@code i + 1} is due one interval after step {@code i} was due, the first one at
 * once, so the steps' own duration causes no drift. A step that overruns makes the loop skip the slots it missed
 * rather than run several steps back to back to catch up.
 *
 * <p>The interval may be changed while the loop runs ({@link #interval(Duration)}, e.g. from a shadow delta): the
 * next step is then due one <em>new</em> interval after the last one was due, even when the loop was already
 * waiting for a later slot; if that time has passed, the next step runs at once and the new grid starts from it.
 *
 * <p>As an {@link Executor}, the loop runs tasks handed to it from other threads on its own thread, at once when it
 * is waiting for the next step, otherwise before it: a library's callback can so leave slow work (printing to a
 * pipe that may block) to the command's thread without waiting for the next step.
 *
 * <p>{@link #interval(Duration)}, {@link #execute(Runnable)} and {@link StopRequest#request()} are safe from any
 * thread; {@link #run} is meant for one thread.
 */
public final class FixedRateLoop implements Executor {

    /** One step of the loop. */
    @FunctionalInterface
    public interface Step {
        /**
         * @param index 0 for the first step, then 1, 2, ...
         * @return {@code true} to go on, {@code false} to end the loop
         * @throws Exception to end the loop with that exception
         */
        boolean run(long index) throws Exception;
    }

    /** The loop's view of time, replaced in tests. */
    interface Ticker {
        long nanoTime();

        /**
         * Waits on {@code monitor}, which the caller holds, for up to {@code nanos} or until it is notified; may
         * return early (the loop checks again).
         */
        void sleep(Object monitor, long nanos) throws InterruptedException;
    }

    private static final Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Object monitor, long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
        }
    };

    private final long maxSteps;
    private final Ticker ticker;
    private final Logger log = LoggerFactory.getLogger(FixedRateLoop.class);
    private final Object monitor = new Object();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    // Guarded by monitor.
    private long intervalNanos;
    private boolean intervalChanged;

    /**
     * @param interval the time between the starts of two steps, at least 1 ns
     * @param maxSteps how many steps to run at most; {@link Long#MAX_VALUE} for "until stopped"
     */
    public FixedRateLoop(Duration interval, long maxSteps) {
        this(interval, maxSteps, SYSTEM);
    }

    FixedRateLoop(Duration interval, long maxSteps, Ticker ticker) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }
        this.intervalNanos = positiveNanos(interval);
        this.maxSteps = maxSteps;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** @return the interval now */
    public Duration interval() {
        synchronized (monitor) {
            return Duration.ofNanos(intervalNanos);
        }
    }

    /**
     * Changes the interval from the next step on; wakes a waiting loop so that the change applies at once.
     *
     * @param interval the new time between the starts of two steps, at least 1 ns
     */
    public void interval(Duration interval) {
        long nanos = positiveNanos(interval);
        synchronized (monitor) {
            intervalNanos = nanos;
            intervalChanged = true;
            monitor.notifyAll();
        }
    }

    /**
     * Runs a task on the thread in {@link #run}: at once when the loop is waiting for its next step, otherwise
     * before that step. A task handed over when no loop runs waits for the next {@link #run}, if there is one.
     *
     * @param task what to run; what it throws ends the loop as a step's exception does
     */
    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        wake();
    }

    /**
     * Runs steps until {@code maxSteps} have run, a step returns {@code false}, a stop is requested or the
     * thread is interrupted (its interrupt flag is then set again).
     *
     * @param stop ends the loop between steps, or during the wait for the next one
     * @param step what to do each time
     * @return how many steps ran
     * @throws Exception whatever a step threw
     */
    public long run(StopRequest stop, Step step) throws Exception {
        long due = ticker.nanoTime();
        long lastDue = due;
        long done = 0;
        long overruns = 0;
        StopRequest.Registration wake = stop.whenRequested(this::wake);
        try {
            while (done < maxSteps && !stop.isRequested()) {
                due = awaitDue(stop, due, lastDue, done);
                if (stop.isRequested()) {
                    break;
                }
                boolean goOn = step.run(done);
                done++;
                if (!goOn) {
                    break;
                }
                lastDue = due;
                long interval;
                boolean changed;
                synchronized (monitor) {
                    interval = intervalNanos;
                    changed = intervalChanged;
                    intervalChanged = false;
                }
                due += interval;
                long late = ticker.nanoTime() - due;
                if (changed && late > 0) {
                    due += late; // changed during the step: the new grid starts now; that is no overrun
                } else if (late > 0 && done < maxSteps) {
                    long missed = late / interval + 1;
                    due += missed * interval;
                    overruns++;
                    String message = "step {} took longer than the {} s interval; skipping {} step(s) to keep the"
                            + " schedule" + (overruns == 1 ? " (further overruns are logged at debug level)" : "");
                    Object[] args = {done - 1, Arguments.seconds(Duration.ofNanos(interval)), missed};
                    if (overruns == 1) {
                        log.warn(message, args);
                    } else {
                        log.debug(message, args);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            wake.close();
        }
        return done;
    }

    /**
     * Waits until {@code due}, running the tasks handed over meanwhile; when the interval changes meanwhile, until
     * one new interval after {@code lastDue}, or not at all if that has passed (the new grid then starts now).
     */
    private long awaitDue(StopRequest stop, long due, long lastDue, long done) throws InterruptedException {
        while (true) {
            // Outside the monitor: a task may block (a full pipe), and interval() must not wait for it.
            for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
                task.run();
            }
            synchronized (monitor) {
                if (stop.isRequested()) {
                    return due;
                }
                if (intervalChanged) {
                    intervalChanged = false;
                    if (done > 0) {
                        due = Math.max(lastDue + intervalNanos, ticker.nanoTime());
                    }
                }
                long wait = due - ticker.nanoTime();
                if (wait <= 0) {
                    return due;
                }
                if (tasks.isEmpty()) {
                    ticker.sleep(monitor, wait);
                }
            }
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private static long positiveNanos(Duration interval) {
        long nanos = interval.toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
        return nanos;
    }
}
