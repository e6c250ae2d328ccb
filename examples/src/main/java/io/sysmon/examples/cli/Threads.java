package io.sysmon.examples.cli;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for the commands' own pools. */
public final class Threads {

    private Threads() {
    }

    /**
     * Daemon threads, so that a pool someone forgot to shut down never keeps the JVM from exiting after the
     * command returns.
     *
     * @param prefix the threads' name up to their number, e.g. {@code sysmon-fleet-} for {@code sysmon-fleet-1}
     * @return a factory of daemon threads named {@code prefix1}, {@code prefix2}, ...
     */
    public static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
