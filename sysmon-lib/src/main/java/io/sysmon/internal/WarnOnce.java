package io.sysmon.internal;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports each broken sensor once. A sampler running every few seconds for months would otherwise repeat the
 * same line forever and bury everything else in the log.
 *
 * <p>Thread-safe.
 */
public final class WarnOnce {

    private static final Logger LOG = LoggerFactory.getLogger(WarnOnce.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Consumer<String> sink;

    /**
     * @param sink where each first warning goes; tests pass a list's {@code add}
     */
    public WarnOnce(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** @return one that logs through SLF4J at WARN, as {@code io.sysmon.internal.WarnOnce} */
    public static WarnOnce toLog() {
        return toLog(LOG);
    }

    /**
     * @param logger the logger to warn through, so users can tune the level under the public class's name
     * @return one that logs through {@code logger} at WARN
     */
    public static WarnOnce toLog(Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return new WarnOnce(logger::warn);
    }

    /**
     * Sends {@code message} to the sink the first time {@code key} is seen; later calls with that key are only
     * logged at DEBUG.
     *
     * @param key what is broken, usually the file's path
     * @param message what is wrong and what follows from it
     */
    public void warn(String key, String message) {
        if (warned.add(key)) {
            sink.accept(message);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(message);
        }
    }
}
