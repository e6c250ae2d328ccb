package io.sysmon.examples;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSampler;
import io.sysmon.MetricsSnapshot;
import io.sysmon.examples.cli.Threads;
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
 * desired {@code interval} in its shadow, one set while the demo was not running included. A device can be stopped
 * and started again, to show what a silent device looks like on the dashboard (a gap).
 *
 * <p>Thread-safe. The lock on this object guards the devices and their schedules, and is never held across
 * anything that blocks: deltas arrive on a shadow-lib thread shared by every client and take it to reschedule.
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
        ScheduledFuture<?> task; // guarded by DemoDevices.this

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
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.daemons("sysmon-demo-devices-"));
    }

    /**
     * Connects every device (credentials issued by the endpoint), applies a desired interval its shadow already
     * holds, and then starts the reports, spread evenly over one interval. When a device cannot connect, those
     * connected before it are closed again, with their samplers.
     *
     * @param list the devices, in the order their first reports come
     * @throws InterruptedException when interrupted while waiting for a shadow
     */
    void start(List<Device> list) throws InterruptedException {
        List<Running> connected = new ArrayList<>(list.size());
        try {
            for (Device device : list) {
                Running running = new Running(device, connect(device));
                connected.add(running);
                running.client.onDelta(running.shadowInterval::onDelta); // before reading: no change slips between
                running.shadowInterval.applyPending(running.client, ShadowInterval.READ_TIMEOUT);
            }
        } catch (RuntimeException | InterruptedException e) {
            connected.forEach(DemoDevices::closeDevice);
            throw e;
        }
        long phaseStep = interval.toNanos() / Math.max(1, connected.size());
        synchronized (this) {
            for (int i = 0; i < connected.size(); i++) {
                Running running = connected.get(i);
                devices.put(running.device.thing(), running);
                schedule(running, phaseStep * i);
            }
        }
    }

    /** Blocks until connected; never call it holding the lock. */
    private DeviceShadowClient connect(Device device) {
        DeviceCredentials credentials = endpoint.issueDevice(device.thing());
        return DeviceShadowClient.init(ShadowClientConfig.builder()
                .endpoint("localhost")
                .port(endpoint.port())
                .thingName(device.thing())
                .certificateFile(credentials.certificateFile())
                .privateKeyFile(credentials.privateKeyFile())
                .caFile(credentials.caFile())
                .reconnectDelay(Duration.ofMillis(200), Duration.ofSeconds(5))
                .build());
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
            MetricsPayload payload = MetricsPayload.from(running.device.sampler().sample());
            running.client.update(running.shadowInterval.reported(payload)).whenComplete((ok, error) -> {
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
        all.forEach(DemoDevices::closeDevice);
    }

    private static void closeDevice(Running running) {
        running.client.close();
        running.device.sampler().close();
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
