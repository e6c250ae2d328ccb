package io.sysmon.shadow.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every shadow client in the process shares: a small pool for client state and callbacks, and one
 * timer thread for response timeouts. Daemon threads, created on first use, never shut down (like the JDK's
 * common pool), so that a fleet of clients costs a few threads rather than one each.
 */
public final class ShadowRuntime {

    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private ShadowRuntime() {
    }

    /** @return the shared pool */
    public static ExecutorService pool() {
        return Holder.POOL;
    }

    /** @return the shared timer; cancelled tasks are removed at once */
    public static ScheduledThreadPoolExecutor timer() {
        return Holder.TIMER;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Holder {
        static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, daemons("sysmon-shadow-"));
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("sysmon-shadow-timer-"));
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
