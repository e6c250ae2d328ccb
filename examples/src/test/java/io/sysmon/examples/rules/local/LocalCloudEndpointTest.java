package io.sysmon.examples.rules.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.MetricsPayload;
import io.sysmon.examples.store.SeriesPoint;
import io.sysmon.shadow.DeviceShadowClient;
import io.sysmon.shadow.ShadowClientConfig;
import io.sysmon.shadow.local.DeviceCredentials;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local path over the real protocol: a device's shadow updates over MQTT 5 with mutual TLS, accepted by
 * the local endpoint's shadow service, run through the shipped rules into the store and the folders.
 */
class LocalCloudEndpointTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String THING = "my_iot_device_1";

    @Test
    void threeShadowUpdatesLandInTheStoreAndTheFolders(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        List<Map<String, Number>> sent = new ArrayList<>();
        try (LocalCloud cloud = LocalCloud.open(data, Optional.empty());
             LocalIotEndpoint endpoint = LocalIotEndpoint.builder().certsDir(dir.resolve("certs"))
                     .workDir(dir.resolve("broker")).build()) {
            cloud.attachTo(endpoint);
            endpoint.start();
            DeviceCredentials device = endpoint.issueDevice(THING);
            ShadowClientConfig config = ShadowClientConfig.builder().endpoint("localhost").port(endpoint.port())
                    .thingName(THING).certificateFile(device.certificateFile())
                    .privateKeyFile(device.privateKeyFile()).caFile(endpoint.caFile())
                    .connectTimeout(Duration.ofSeconds(20)).build();
            FakeMetricsSampler sampler = FakeMetricsSampler.builder().seed(7).clock(new Payloads.StepClock()).build();
            try (DeviceShadowClient client = DeviceShadowClient.init(config)) {
                for (int i = 0; i < 3; i++) {
                    Map<String, Number> fields = MetricsPayload.from(sampler.sample()).fields();
                    sent.add(fields);
                    client.update(fields).get(BOUND.toSeconds(), TimeUnit.SECONDS);
                }
            }

            // The endpoint hands each update to the runner before it answers the update, so all three are queued.
            assertTrue(cloud.runner().awaitProcessed(BOUND));
            List<SeriesPoint> cpu = cloud.store().series("cpu_usage", Instant.EPOCH, Instant.MAX, Set.of(THING), 10)
                    .get(THING);
            assertEquals(3, cpu.size(), cpu::toString);
            for (int i = 0; i < 3; i++) {
                assertEquals(new SeriesPoint(sent.get(i).get("timestamp").longValue() * 1000,
                        sent.get(i).get("cpu_usage").doubleValue()), cpu.get(i));
            }
            assertEquals(3, Files.readAllLines(data.resolve("influxdb/aws_iot_demo.lp")).size());
            try (var objects = Files.walk(data.resolve("s3"))) {
                assertEquals(3, objects.filter(Files::isRegularFile).count());
            }
            assertEquals(0, cloud.runner().dropped());
            assertTrue(cloud.describe().get(0).startsWith("Timestream records: " + data.resolve("timestream")),
                    cloud.describe()::toString);
        }
    }
}
