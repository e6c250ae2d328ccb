package io.sysmon.internal;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
    /** Takes the message and the cause, {@code null} when there is none. */
    private final BiConsumer<String, Throwable> sink;
    private final Logger repeats;

    /**
     * @param sink where each first warning goes, without its cause; tests pass a list's {@code add}
     */
    public WarnOnce(Consumer<String> sink) {
        this(dropCause(sink), LOG);
    }

    private WarnOnce(BiConsumer<String, Throwable> sink, Logger repeats) {
        this.sink = sink;
        this.repeats = repeats;
    }

    private static BiConsumer<String, Throwable> dropCause(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return (message, cause) -> sink.accept(message);
    }

    /** @return one that logs through SLF4J as {@code io.sysmon.internal.WarnOnce} */
    public static WarnOnce toLog() {
        return toLog(LOG);
    }

    /**
     * @param logger the logger to warn through, so users can tune the level under the public class's name
     * @return one that logs each first warning through {@code logger} at WARN, and each repeat at DEBUG
     */
    public static WarnOnce toLog(Logger logger) {
        Objects.requireNonNull(logger, "logger");
        return new WarnOnce((message, cause) -> {
            if (cause == null) {
                logger.warn(message);
            } else {
                logger.warn(message, cause);
            }
        }, logger);
    }

    /**
     * Sends {@code message} to the sink the first time {@code key} is seen; later calls with that key are only
     * logged at DEBUG.
     *
     * @param key what is broken, usually the file's path
     * @param message what is wrong and what follows from it
     */
    public void warn(String key, String message) {
        report(key, () -> message, null);
    }

    /**
     * As {@link #warn(String, String)}, but builds the message only when it is logged, so a sensor that fails on
     * every sample costs no string building after its first warning.
     *
     * @param key what is broken, usually the file's path
     * @param message builds what is wrong and what follows from it
     */
    public void warn(String key, Supplier<String> message) {
        report(key, message, null);
    }

    /**
     * As {@link #warn(String, String)}, with the exception behind the problem, which a logging sink passes to
     * SLF4J as the last argument so that its stack trace is printed.
     *
     * @param key what is broken
     * @param message what is wrong and what follows from it
     * @param cause what was thrown, or {@code null}
     */
    public void warn(String key, String message, Throwable cause) {
        report(key, () -> message, cause);
    }

    private void report(String key, Supplier<String> message, Throwable cause) {
        if (warned.add(key)) {
            sink.accept(message.get(), cause);
        } else if (repeats.isDebugEnabled()) {
            repeats.debug(message.get(), cause);
        }
    }
}
