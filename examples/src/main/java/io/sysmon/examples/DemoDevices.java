package io.sysmon.examples;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSampler;
import io.sysmon.MetricsSnapshot;
import io.sysmon.shadow.DeviceShadowClient;
import io.sysmon.shadow.ShadowClientConfig;
import io.sysmon.shadow.local.DeviceCredentials;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's devices, in this process: each with its own credentials, MQTT connection and shadow, reporting
 * its sampler's payload at a fixed rate, like {@code sysmon shadow} does in a process of its own, and following a
 * desired {@code interval} in its shadow. A device can be stopped and started again, to show what a silent device
 * looks like on the dashboard (a gap).
 */
final class DemoDevices implements AutoCloseable {

    /** One device: its thing name and where its metrics come from. */
    record Device(String thing, MetricsSampler sampler) {
        Device {
            Objects.requireNonNull(thing, "thing");
            Objects.requireNonNull(sampler, "sampler");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoDevices.class);

    private final LocalIotEndpoint endpoint;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Running> devices = new LinkedHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private final class Running {
        final Device device;
        final DeviceShadowClient client;
        final ShadowInterval shadowInterval;
        volatile Duration every = interval;
        ScheduledFuture<?> task;

        Running(Device device, DeviceShadowClient client) {
            this.device = device;
            this.client = client;
            this.shadowInterval = new ShadowInterval(device.thing(), () -> every, this::reschedule);
        }

        /** A desired interval from the shadow: the next report comes one new interval from now. */
        void reschedule(Duration newInterval) {
            synchronized (DemoDevices.this) {
                every = newInterval;
                if (task != null) {
                    task.cancel(false);
                    schedule(this, newInterval.toNanos());
                }
            }
        }
    }

    DemoDevices(LocalIotEndpoint endpoint, Duration interval) {
        this.endpoint = endpoint;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sysmon-demo-devices");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects every device (credentials issued by the endpoint) and starts its reports, spread evenly over one
     * interval.
     */
    synchronized void start(List<Device> list) {
        long phaseStep = interval.toNanos() / Math.max(1, list.size());
        int index = 0;
        for (Device device : list) {
            DeviceCredentials credentials = endpoint.issueDevice(device.thing());
            ShadowClientConfig config = ShadowClientConfig.builder()
                    .endpoint("localhost")
                    .port(endpoint.port())
                    .thingName(device.thing())
                    .certificateFile(credentials.certificateFile())
                    .privateKeyFile(credentials.privateKeyFile())
                    .caFile(credentials.caFile())
                    .reconnectDelay(Duration.ofMillis(200), Duration.ofSeconds(5))
                    .build();
            Running running = new Running(device, DeviceShadowClient.init(config));
            running.client.onDelta(running.shadowInterval::onDelta);
            devices.put(device.thing(), running);
            schedule(running, phaseStep * index++);
        }
    }

    /** @return the things, in order */
    synchronized Set<String> things() {
        return Set.copyOf(devices.keySet());
    }

    /**
     * Stops a device's reports, as if it were switched off; its connection stays.
     *
     * @return false when there is no such device or it was already stopped
     */
    synchronized boolean stop(String thing) {
        Running running = devices.get(thing);
        if (running == null || running.task == null) {
            return false;
        }
        running.task.cancel(false);
        running.task = null;
        LOG.info("{} stopped reporting", thing);
        return true;
    }

    /** @return false when there is no such device or it was already reporting */
    synchronized boolean resume(String thing) {
        Running running = devices.get(thing);
        if (running == null || running.task != null) {
            return false;
        }
        schedule(running, 0);
        LOG.info("{} reports again", thing);
        return true;
    }

    /** @return updates the shadow service accepted so far */
    long accepted() {
        return accepted.get();
    }

    /** @return updates that failed so far */
    long failed() {
        return failed.get();
    }

    private void schedule(Running running, long delayNanos) {
        running.task = scheduler.scheduleAtFixedRate(() -> report(running), delayNanos, running.every.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void report(Running running) {
        try {
            MetricsSnapshot snapshot = running.device.sampler().sample();
            Map<String, Object> reported = new LinkedHashMap<>(MetricsPayload.from(snapshot).fields());
            running.shadowInterval.takeReport().ifPresent(seconds -> reported.put(ShadowInterval.KEY, seconds));
            running.client.update(reported).whenComplete((ok, error) -> {
                if (error == null) {
                    accepted.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    LOG.warn("{}: update failed: {}", running.device.thing(), error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("{}: could not report: {}", running.device.thing(), e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        List<Running> all;
        synchronized (this) {
            all = new ArrayList<>(devices.values());
            devices.clear();
        }
        for (Running running : all) {
            running.client.close();
            running.device.sampler().close();
        }
    }

    /**
     * A fake sampler whose spike comes back every {@code period} samples: the demo's alert fires and resolves
     * again and again, however long it runs.
     */
    static MetricsSampler repeatingSpike(long seed, int spikeAt, int spikeLength, int period, Clock clock) {
        return new MetricsSampler() {
            private long count;
            private MetricsSampler current;

            @Override
            public synchronized MetricsSnapshot sample() {
                if (count % period == 0) {
                    current = FakeMetricsSampler.builder().seed(seed + count / period).clock(clock)
                            .spike(spikeAt, spikeLength).build();
                }
                count++;
                return current.sample();
            }
        };
    }
}
