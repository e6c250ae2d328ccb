package io.sysmon.examples;

import io.sysmon.MetricsPayload;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.BadValueException;
import io.sysmon.examples.cli.FixedRateLoop;
import io.sysmon.shadow.DeviceShadowClient;
import io.sysmon.shadow.ShadowDelta;
import io.sysmon.shadow.ShadowDocument;
import io.sysmon.shadow.ShadowRejectedException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's sampling interval as its shadow sees it: a desired {@code interval} (seconds, checked like the
 * INTERVAL argument) changes the loop's interval, and the value is reported back in the next update, which ends
 * the delta. The interval the device starts with is reported in its first update, so the shadow always shows it.
 * A desired value that is not a valid interval is logged and ignored, and not reported back.
 *
 * <p>Thread-safe: deltas arrive on a shadow-lib thread, {@link #reported} is called by the sampling loop.
 */
final class ShadowInterval {

    /** The shadow attribute: seconds between samples. */
    static final String KEY = "interval";
    /** How long {@link #applyPending} waits for the shadow at most. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ShadowInterval.class);

    private final String thing;
    private final Supplier<Duration> current;
    private final Consumer<Duration> change;
    private final AtomicReference<Number> toReport;
    private final AtomicReference<Object> lastIgnored = new AtomicReference<>();

    /**
     * @param thing the device, for log lines
     * @param loop the loop whose interval the shadow controls
     */
    ShadowInterval(String thing, FixedRateLoop loop) {
        this(thing, loop::interval, loop::interval);
    }

    /**
     * @param thing the device, for log lines
     * @param current reads the interval in force
     * @param change sets a new interval
     */
    ShadowInterval(String thing, Supplier<Duration> current, Consumer<Duration> change) {
        this.thing = thing;
        this.current = current;
        this.change = change;
        this.toReport = new AtomicReference<>(asNumber(current.get()));
    }

    /**
     * Applies a desired interval that was set while the device was away: reads the shadow once, at start-up. A
     * shadow that does not exist yet (404) is fine; any other failure is logged, and the device goes on.
     *
     * @param shadow the connected client
     * @param timeout how long to wait for the answer
     */
    void applyPending(DeviceShadowClient shadow, Duration timeout) throws InterruptedException {
        try {
            ShadowDocument document = shadow.get().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            apply(document.delta());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ShadowRejectedException
                    && ((ShadowRejectedException) e.getCause()).code() == 404) {
                LOG.debug("{}: no shadow yet; the first update creates it", thing);
            } else {
                LOG.warn("{}: could not read the shadow for a pending interval: {}", thing, e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            LOG.warn("{}: no answer to reading the shadow within {} s; going on without it", thing,
                    Arguments.seconds(timeout));
        }
    }

    /** @param delta a delta the shadow service published; only its {@code interval} matters here */
    void onDelta(ShadowDelta delta) {
        apply(delta.state());
    }

    /** @return the interval to add to the next update, once: at start-up and after each change */
    Optional<Number> takeReport() {
        return Optional.ofNullable(toReport.getAndSet(null));
    }

    /**
     * @param payload the sample to report
     * @return the attributes of the next update: the payload's fields, and the interval when it is to be reported
     *     ({@link #takeReport()})
     */
    Map<String, Number> reported(MetricsPayload payload) {
        Optional<Number> interval = takeReport();
        if (interval.isEmpty()) {
            return payload.fields();
        }
        Map<String, Number> reported = new LinkedHashMap<>(payload.fields());
        reported.put(KEY, interval.get());
        return reported;
    }

    private void apply(Map<String, Object> desired) {
        if (!desired.containsKey(KEY)) {
            return;
        }
        Object value = desired.get(KEY);
        Duration interval;
        try {
            interval = parse(value);
        } catch (BadValueException e) {
            // The service repeats a delta until it ends, and an ignored one never does: say it once per value.
            boolean first = !Objects.equals(lastIgnored.getAndSet(value), value);
            if (first) {
                LOG.warn("{}: ignoring the desired interval: it {}", thing, e.getMessage());
            } else {
                LOG.debug("{}: ignoring the desired interval again: it {}", thing, e.getMessage());
            }
            return;
        }
        lastIgnored.set(null);
        Duration before = current.get();
        change.accept(interval);
        toReport.set((Number) value); // reported as the shadow holds it, so the delta ends whatever the number type
        if (before.equals(interval)) {
            LOG.debug("{}: the desired interval is the current one, {} s", thing, Arguments.seconds(interval));
        } else {
            LOG.info("{}: sampling interval changed from {} s to {} s, as the shadow's desired state asks", thing,
                    Arguments.seconds(before), Arguments.seconds(interval));
        }
    }

    /**
     * @param desired the desired {@code interval} as the shadow holds it
     * @return it as an interval
     * @throws BadValueException when it is not a JSON number that is a valid INTERVAL
     */
    static Duration parse(Object desired) {
        if (!(desired instanceof Number)) {
            throw new BadValueException("must be a number of seconds",
                    desired instanceof String ? "\"" + desired + "\"" : String.valueOf(desired));
        }
        String text = desired.toString();
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Arguments.interval(text); // NaN and the like: rejected with the argument's message
        }
        return Arguments.interval(seconds);
    }

    /** @return whole seconds as a {@link Long} (10), otherwise a {@link Double} (0.5) */
    static Number asNumber(Duration interval) {
        BigDecimal seconds = Arguments.decimalSeconds(interval);
        return seconds.scale() <= 0 ? (Number) seconds.longValueExact() : (Number) seconds.doubleValue();
    }
}
