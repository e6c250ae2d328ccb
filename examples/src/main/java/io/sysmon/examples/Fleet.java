package io.sysmon.examples;

import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSampler;
import io.sysmon.examples.cli.StopRequest;
import io.sysmon.examples.cli.Threads;
import io.sysmon.shadow.DeviceShadowClient;
import io.sysmon.shadow.ShadowAccepted;
import io.sysmon.shadow.ShadowClientConfig;
import io.sysmon.shadow.ShadowConfigException;
import io.sysmon.shadow.ShadowConnectException;
import io.sysmon.shadow.ShadowRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many devices in one process, each with its own certificate and MQTT connection, sampled and sent on one small
 * scheduler (no thread per device): the engine of {@code sysmon fleet}. Counts every update's answer and records
 * the latency from {@code update()} to accepted.
 *
 * <p>Use: {@link #connect}, {@link #start}, perhaps {@link #endWarmUp()} after a while, {@link #status()} now and
 * then until {@link #done()} or time is up, {@link #stopSending()}, {@link #awaitAnswers}, {@link #totals()},
 * {@link #close()}. One thread drives it;
 * devices run on the scheduler, answers on shadow-lib's threads.
 */
final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
    private static final int SCHEDULER_THREADS = 2;
    private static final int FAILURES_LOGGED = 5;
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(60);

    private final long countPerDevice;
    private final int connectConcurrency;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<Device> devices = new ArrayList<>();
    private final Counts warmUp = new Counts();
    private final Counts measured = new Counts();
    private volatile Counts counts = measured;
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicInteger failuresLogged = new AtomicInteger();
    private final StopRequest done = StopRequest.manual();
    private final StopRequest allAnswered = StopRequest.manual();
    private final AtomicInteger sending = new AtomicInteger();
    private volatile boolean stopping;
    private int things;
    private long intervalNanos;
    private long startedAt;
    private long measuredFrom;
    private long stoppedAt;
    private long lastStatusAt;
    private long acceptedAtLastStatus;

    /**
     * @param countPerDevice updates each device sends; {@link Long#MAX_VALUE} for "until stopped"
     * @param connectConcurrency how many devices connect at once
     */
    Fleet(long countPerDevice, int connectConcurrency) {
        this.countPerDevice = countPerDevice;
        this.connectConcurrency = connectConcurrency;
        this.scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS, Threads.daemons("sysmon-fleet-"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Connects every thing, {@code connectConcurrency} at a time. A thing that cannot connect is logged and left
     * out; credential files that are wrong stop it all, since the same mistake is usually in every thing's files.
     *
     * @param configs one per thing, in order
     * @param samplers gives each connected thing its sampler (the caller closes them)
     * @param stop ends connecting early
     * @param progressEvery how often to report progress while connecting
     * @param progress where progress lines go
     * @return how many connected
     * @throws ShadowConfigException for the first thing whose files are wrong
     * @throws ShadowConnectException when no thing could connect
     */
    int connect(List<ShadowClientConfig> configs, Function<String, MetricsSampler> samplers, StopRequest stop,
            Duration progressEvery, Consumer<String> progress) throws InterruptedException {
        things = configs.size();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(connectConcurrency, configs.size()),
                Threads.daemons("sysmon-fleet-connect-"));
        List<Future<DeviceShadowClient>> clients = new ArrayList<>(configs.size());
        AtomicInteger connectedSoFar = new AtomicInteger();
        AtomicInteger failedSoFar = new AtomicInteger();
        // Every client made and not yet a device: a connect that finishes after its future was cancelled (on the
        // way out early) is still here to close.
        Set<DeviceShadowClient> unclaimed = ConcurrentHashMap.newKeySet();
        for (ShadowClientConfig config : configs) {
            clients.add(pool.submit(() -> {
                if (stop.isRequested()) {
                    return null;
                }
                try {
                    DeviceShadowClient client = DeviceShadowClient.init(config);
                    unclaimed.add(client);
                    connectedSoFar.incrementAndGet();
                    return client;
                } catch (RuntimeException e) {
                    failedSoFar.incrementAndGet();
                    throw e;
                }
            }));
        }
        pool.shutdown();
        ShadowConnectException firstFailure = null;
        int failures = 0;
        long nextProgress = System.nanoTime() + progressEvery.toNanos();
        try {
            for (int i = 0; i < configs.size(); i++) {
                try {
                    DeviceShadowClient client = awaitClient(clients.get(i), nextProgress);
                    while (client == null && !clients.get(i).isDone()) {
                        progress.accept("connecting: " + connectedSoFar.get() + "/" + things + " connected, "
                                + failedSoFar.get() + " failed");
                        nextProgress += progressEvery.toNanos();
                        client = awaitClient(clients.get(i), nextProgress);
                    }
                    if (client != null) {
                        unclaimed.remove(client);
                        String thing = client.config().thingName();
                        devices.add(new Device(thing, client, samplers.apply(thing)));
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ShadowConfigException) {
                        throw (ShadowConfigException) e.getCause();
                    }
                    if (!(e.getCause() instanceof ShadowConnectException)) {
                        throw new IllegalStateException("connecting " + configs.get(i).thingName() + " failed",
                                e.getCause());
                    }
                    failures++;
                    firstFailure = firstFailure == null ? (ShadowConnectException) e.getCause() : firstFailure;
                    if (failures <= FAILURES_LOGGED) {
                        LOG.warn("{}: {}{}", configs.get(i).thingName(), e.getCause().getMessage(),
                                failures == FAILURES_LOGGED ? " (further connect failures are only counted)" : "");
                    }
                }
            }
        } finally {
            // On the way out early, connections still being made must not leak.
            clients.forEach(future -> future.cancel(false));
            if (!pool.awaitTermination(CLOSE_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("connecting threads did not finish within {} s", CLOSE_BOUND.toSeconds());
            }
            unclaimed.forEach(DeviceShadowClient::close);
        }
        if (devices.isEmpty() && firstFailure != null) {
            throw firstFailure;
        }
        return devices.size();
    }

    private static DeviceShadowClient awaitClient(Future<DeviceShadowClient> future, long until)
            throws InterruptedException, ExecutionException {
        try {
            return future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (CancellationException e) {
            return null;
        }
    }

    /**
     * Starts sending: device {@code i} of {@code n} first samples at {@code i/n} of the interval, then once per
     * interval, so the load is spread evenly rather than arriving all at once.
     *
     * @param interval the time between two updates of one device
     * @param warmingUp whether what is sent until {@link #endWarmUp()} is counted apart, not in the totals (nor
     *     towards the count per device)
     */
    void start(Duration interval, boolean warmingUp) {
        intervalNanos = interval.toNanos();
        counts = warmingUp ? warmUp : measured;
        startedAt = System.nanoTime();
        measuredFrom = startedAt;
        lastStatusAt = startedAt;
        sending.set(devices.size());
        if (devices.isEmpty()) {
            done.request();
        }
        int n = devices.size();
        for (int i = 0; i < n; i++) {
            Device device = devices.get(i);
            device.due = startedAt + intervalNanos / n * i;
            scheduler.schedule(device, device.due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Ends the warm-up: from now on updates count in the totals.
     *
     * @return e.g. {@code warm-up over: 15000 updates, 15000 accepted, p99 1868 ms; measuring from now}
     */
    String endWarmUp() {
        measuredFrom = System.nanoTime();
        lastStatusAt = measuredFrom;
        acceptedAtLastStatus = 0;
        counts = measured;
        warmUp.window.drainInto(warmUp.latencies);
        return "warm-up over: " + warmUp.sent.sum() + " updates, " + warmUp.accepted.sum() + " accepted, p99 "
                + millis(warmUp.latencies.percentileMicros(99)) + " ms, max " + millis(warmUp.latencies.maxMicros())
                + " ms; measuring from now";
    }

    /** @return requested once every device has sent its count */
    StopRequest done() {
        return done;
    }

    /**
     * @return e.g. {@code connected 998/1000, 1001.3 updates/s, accepted 60012, rejected 0, failed 0, queued 3,
     *     p99 42 ms}: updates/s and p99 over the time since the last status
     */
    String status() {
        long now = System.nanoTime();
        Counts c = counts;
        long acceptedNow = c.accepted.sum();
        double seconds = Math.max(1e-9, (now - lastStatusAt) / 1e9);
        double rate = (acceptedNow - acceptedAtLastStatus) / seconds;
        long p99 = c.window.percentileMicros(99);
        c.window.drainInto(c.latencies);
        lastStatusAt = now;
        acceptedAtLastStatus = acceptedNow;
        long connected = devices.stream().filter(d -> d.client.isConnected()).count();
        long queued = devices.stream().mapToLong(d -> d.client.pendingRequests()).sum();
        return String.format(java.util.Locale.ROOT,
                "connected %d/%d, %.1f updates/s, accepted %d, rejected %d, failed %d, queued %d, p99 %s ms",
                connected, things, rate, acceptedNow, c.rejected.sum(), c.failed.sum(), queued, millis(p99));
    }

    /** Stops sending new updates; answers to those sent still count. */
    void stopSending() throws InterruptedException {
        stopping = true;
        scheduler.shutdown();
        if (!scheduler.awaitTermination(CLOSE_BOUND.toSeconds(), TimeUnit.SECONDS)) {
            LOG.warn("the fleet's scheduler did not stop within {} s", CLOSE_BOUND.toSeconds());
        }
        stoppedAt = System.nanoTime();
    }

    /**
     * @param bound how long to wait at most, after {@link #stopSending()}
     * @return whether every update sent was answered
     */
    boolean awaitAnswers(Duration bound) throws InterruptedException {
        return unanswered.get() == 0 || allAnswered.await(bound.toNanos()) || unanswered.get() == 0;
    }

    /**
     * @return the counts and latencies after the warm-up; call after {@link #stopSending()} for the final ones.
     *     Unanswered updates are counted whether sent during the warm-up or after.
     */
    Totals totals() {
        Counts c = measured;
        c.window.drainInto(c.latencies);
        long end = stoppedAt != 0 ? stoppedAt : System.nanoTime();
        return new Totals(things, devices.size(), Duration.ofNanos(startedAt == 0 ? 0 : end - measuredFrom),
                c.sent.sum(), c.accepted.sum(), c.rejected.sum(), c.failed.sum(), unanswered.get(),
                c.latencies.percentileMicros(50), c.latencies.percentileMicros(90), c.latencies.percentileMicros(99),
                c.latencies.maxMicros());
    }

    /** Closes every connection, several at a time. */
    @Override
    public void close() {
        stopping = true;
        scheduler.shutdownNow();
        if (devices.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(connectConcurrency, devices.size()),
                Threads.daemons("sysmon-fleet-close-"));
        devices.forEach(device -> pool.execute(device.client::close));
        pool.shutdown();
        try {
            if (!pool.awaitTermination(CLOSE_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("closing the fleet's connections took longer than {} s", CLOSE_BOUND.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answered(Counts c, long sentAt, ShadowAccepted ok, Throwable error) {
        if (ok != null) {
            c.window.record(System.nanoTime() - sentAt);
            c.accepted.increment();
        } else {
            // The futures of DeviceShadowClient fail with the exception itself, never wrapped in a
            // CompletionException.
            (error instanceof ShadowRejectedException ? c.rejected : c.failed).increment();
            if (failuresLogged.incrementAndGet() <= FAILURES_LOGGED) {
                LOG.warn("an update was not accepted: {}", error.getMessage());
            }
        }
        if (unanswered.decrementAndGet() == 0 && stopping) {
            allAnswered.request();
        }
    }

    /** One simulated device: samples, sends, and schedules its next turn. */
    private final class Device implements Runnable {
        final String thing;
        final DeviceShadowClient client;
        final MetricsSampler sampler;
        long due;
        long sentByThis;

        Device(String thing, DeviceShadowClient client, MetricsSampler sampler) {
            this.thing = thing;
            this.client = client;
            this.sampler = sampler;
        }

        @Override
        public void run() {
            if (stopping) {
                return;
            }
            Counts c = counts;
            unanswered.incrementAndGet();
            c.sent.increment();
            try {
                MetricsPayload payload = MetricsPayload.from(sampler.sample());
                long sentAt = System.nanoTime();
                client.update(payload.fields()).whenComplete((ok, error) -> answered(c, sentAt, ok, error));
            } catch (RuntimeException e) {
                answered(c, 0, null, e);
            }
            if (c == measured && ++sentByThis >= countPerDevice) {
                if (sending.decrementAndGet() == 0) {
                    done.request();
                }
                return;
            }
            due += intervalNanos;
            long now = System.nanoTime();
            if (now - due > 0) { // overran: skip the missed turns rather than burst
                due += ((now - due) / intervalNanos + 1) * intervalNanos;
            }
            scheduler.schedule(this, due - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
            return thing;
        }
    }

    /** What happened to the updates of one phase: the warm-up, or the measured run. */
    private static final class Counts {
        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LatencyHistogram window = new LatencyHistogram();
        final LatencyHistogram latencies = new LatencyHistogram();
    }

    /**
     * What the fleet did after the warm-up.
     *
     * @param things things asked for
     * @param connected things that connected
     * @param sending how long updates were sent, after the warm-up
     * @param sent updates sent
     * @param accepted updates accepted
     * @param rejected updates rejected by the shadow service (or the broker)
     * @param failed updates that timed out, were dropped or failed otherwise
     * @param unanswered updates without an answer when the fleet stopped waiting
     * @param p50Micros median latency from {@code update()} to accepted
     * @param p90Micros 90th percentile
     * @param p99Micros 99th percentile
     * @param maxMicros the largest
     */
    record Totals(int things, int connected, Duration sending, long sent, long accepted, long rejected, long failed,
            long unanswered, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {

        /** @return accepted updates as a share of those sent, in %; 100 when none were sent */
        double acceptedPercent() {
            return sent == 0 ? 100.0 : 100.0 * accepted / sent;
        }
    }

    /** @return microseconds as milliseconds for a status line: {@code 42}, {@code 3.1}, {@code 0.25} */
    static String millis(long micros) {
        double ms = micros / 1000.0;
        return ms >= 10 ? String.valueOf(Math.round(ms))
                : ms >= 1 ? String.format(java.util.Locale.ROOT, "%.1f", ms)
                : String.format(java.util.Locale.ROOT, "%.2f", ms);
    }
}
