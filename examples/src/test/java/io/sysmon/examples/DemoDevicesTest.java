package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.examples.cli.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's devices against the real local endpoint: real TLS, real MQTT 5, AWS's shadow semantics. */
class DemoDevicesTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aDesiredIntervalSetWhileTheDemoWasNotRunningAppliesAtStart(@TempDir Path dir) throws Exception {
        try (TestEndpoint local = new TestEndpoint(dir)) {
            local.desire("my_iot_device_1", "interval", "0.05");
            List<String> deviceRequests = new CopyOnWriteArrayList<>();
            local.endpoint.addAcceptedUpdateListener(update -> {
                if (update.clientId().equals("my_iot_device_1")) {
                    deviceRequests.add(update.request());
                }
            });

            try (DemoDevices devices = new DemoDevices(local.endpoint, Duration.ofMinutes(10))) {
                devices.start(List.of(new DemoDevices.Device("my_iot_device_1",
                        FakeMetricsSampler.builder().seed(1).build())));

                // At 10 minutes the second report would be that far away; the pending 0.05 s brings it at once.
                TestEndpoint.await(BOUND, () -> devices.accepted() >= 3, () -> devices.accepted() + " accepted");
                assertEquals(0.05, reportedInterval(local, "my_iot_device_1"),
                        () -> local.shadow("my_iot_device_1").toString());
                // Not only after the delta that a first report of 600 s would have drawn: from the first report on.
                assertEquals(0.05, Json.MAPPER.readTree(deviceRequests.get(0)).path("state").path("reported")
                        .path(ShadowInterval.KEY).asDouble(), deviceRequests::toString);
            }
        }
    }

    @Test
    void aStoppedDeviceFollowsADesiredIntervalOnceItReportsAgain(@TempDir Path dir) throws Exception {
        try (TestEndpoint local = new TestEndpoint(dir);
             DemoDevices devices = new DemoDevices(local.endpoint, Duration.ofMillis(50))) {
            devices.start(List.of(new DemoDevices.Device("my_iot_device_2",
                    FakeMetricsSampler.builder().seed(2).build())));
            TestEndpoint.await(BOUND, () -> devices.accepted() >= 2, () -> devices.accepted() + " accepted");

            assertTrue(devices.stop("my_iot_device_2"));
            assertFalse(devices.stop("my_iot_device_2"), "already stopped");
            local.desire("my_iot_device_2", "interval", "0.02");
            assertTrue(devices.resume("my_iot_device_2"));
            assertFalse(devices.resume("my_iot_device_2"), "already reporting");

            TestEndpoint.await(BOUND, () -> reportedInterval(local, "my_iot_device_2") == 0.02,
                    () -> "the new interval was not reported back: " + local.shadow("my_iot_device_2"));
            assertEquals(0, devices.failed());
        }
    }

    private static double reportedInterval(TestEndpoint local, String thing) {
        return local.shadow(thing).path("state").path("reported").path(ShadowInterval.KEY).asDouble();
    }
}
