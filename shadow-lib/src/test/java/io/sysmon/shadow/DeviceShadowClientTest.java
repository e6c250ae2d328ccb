package io.sysmon.shadow;

import static io.sysmon.shadow.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The shadow client against the local endpoint: real TLS with client certificates, real MQTT 5, AWS semantics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceShadowClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 20;

    @TempDir
    static Path dir;

    private LocalEndpointFixture local;

    @BeforeAll
    void startEndpoint() {
        local = new LocalEndpointFixture(dir);
    }

    @AfterAll
    void stopEndpoint() {
        local.close();
    }

    /** The payload the tutorial's sysmon.py reports, field for field. */
    private static Map<String, Object> tutorialPayload(long timestamp) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cpu_usage", 12.5);
        payload.put("cpu_freq", 1500);
        payload.put("cpu_temp", 45.3);
        payload.put("ram_usage", 1_234_567_890L);
        payload.put("ram_total", 3_981_918_208L);
        payload.put("timestamp", timestamp);
        return payload;
    }

    @Test
    void theTutorialDocumentIsAcceptedWithIncreasingVersions() throws Exception {
        try (DeviceShadowClient client = DeviceShadowClient.init(local.configFor("my_iot_device_1").build())) {
            ShadowAccepted first = client.update(tutorialPayload(1_764_278_400L)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            ShadowAccepted second = client.update(tutorialPayload(1_764_278_410L)).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(first.version() + 1, second.version());
            JsonNode document = JSON.readTree(local.endpoint.shadowDocument("my_iot_device_1", Optional.empty())
                    .orElseThrow());
            JsonNode reported = document.path("state").path("reported");
            assertEquals(12.5, reported.path("cpu_usage").asDouble());
            assertEquals(1_764_278_410L, reported.path("timestamp").asLong());
            assertEquals(second.version(), document.path("version").asLong());

            ShadowDocument got = client.get().get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(second.version(), got.version());
            assertEquals(1500, ((Number) got.reported().get("cpu_freq")).intValue());
            assertTrue(got.delta().isEmpty());
        }
    }

    @Test
    void aNamedShadowIsSeparateFromTheClassicOne() throws Exception {
        ShadowClientConfig config = local.configFor("named_device").shadowName("metrics").build();
        try (DeviceShadowClient client = DeviceShadowClient.init(config)) {
            assertEquals(1, client.update(Map.of("cpu_usage", 1.0)).get(WAIT_SECONDS, TimeUnit.SECONDS).version());
            assertTrue(local.endpoint.shadowDocument("named_device", Optional.of("metrics")).isPresent());
            assertTrue(local.endpoint.shadowDocument("named_device", Optional.empty()).isEmpty());
        }
    }

    @Test
    void rejectionsCarryAwsCodes() throws Exception {
        try (DeviceShadowClient client = DeviceShadowClient.init(local.configFor("rejected_device").build())) {
            long version = client.update(Map.of("a", 1)).get(WAIT_SECONDS, TimeUnit.SECONDS).version();

            ShadowRejectedException conflict = failure(client.update(Map.of("a", 2), version + 7),
                    ShadowRejectedException.class);
            assertEquals(409, conflict.code());
            assertEquals(version + 1,
                    client.update(Map.of("a", 3), version).get(WAIT_SECONDS, TimeUnit.SECONDS).version());

            Map<String, Object> deep = Map.of("l1", Map.of("l2", Map.of("l3", Map.of("l4", Map.of("l5",
                    Map.of("l6", Map.of("l7", 1)))))));
            assertEquals(400, failure(client.update(deep), ShadowRejectedException.class).code());

            assertEquals(413, failure(client.update(Map.of("big", "x".repeat(9000))),
                    ShadowRejectedException.class).code());
            // A rejected request changes nothing.
            assertEquals(version + 1, client.get().get(WAIT_SECONDS, TimeUnit.SECONDS).version());
        }
    }

    @Test
    void aDesiredIntervalReachesTheDeviceAsADeltaAndEndsWhenReported() throws Exception {
        try (DeviceShadowClient client = DeviceShadowClient.init(local.configFor("delta_device").build())) {
            client.update(Map.of("interval", 10)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            BlockingQueue<ShadowDelta> deltas = new ArrayBlockingQueue<>(10);
            client.onDelta(deltas::add);

            local.endpoint.updateShadow("delta_device", Optional.empty(), "{\"state\":{\"desired\":{\"interval\":5}}}");
            ShadowDelta delta = deltas.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(5, ((Number) delta.state().get("interval")).intValue());
            assertEquals(5, ((Number) client.get().get(WAIT_SECONDS, TimeUnit.SECONDS).delta().get("interval"))
                    .intValue());

            client.update(Map.of("interval", 5)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(client.get().get(WAIT_SECONDS, TimeUnit.SECONDS).delta().isEmpty());
        }
    }

    @Test
    void aClientIdThatIsNotTheCertificatesThingIsRefused() {
        ShadowClientConfig config = local.configFor("policy_device").clientId("someone_else").build();
        ShadowConnectException e = assertThrows(ShadowConnectException.class, () -> DeviceShadowClient.init(config));
        assertEquals(ConnectFailure.CONNECTION_REFUSED, e.failure());
        assertTrue(e.getMessage().contains("NOT_AUTHORIZED"), e.getMessage());
    }

    @Test
    void updatesAfterCloseFailWithATypedException() throws Exception {
        DeviceShadowClient client = DeviceShadowClient.init(local.configFor("closing_device").build());
        client.update(Map.of("a", 1)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        client.close();
        long start = System.nanoTime();
        client.close();
        Duration again = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(again.compareTo(Duration.ofSeconds(2)) < 0, "a second close took " + again);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.update(Map.of("a", 2)).get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(ShadowClientClosedException.class, e.getCause());
        assertFalse(client.isConnected());
    }
}
