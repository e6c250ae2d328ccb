package io.sysmon.shadow;

import static io.sysmon.shadow.Futures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.shadow.internal.MqttTransport;
import io.sysmon.shadow.internal.TransportException;
import io.sysmon.shadow.internal.TransportFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's own logic (answers to futures, error mapping, queueing, resends) over a mocked transport seam.
 * The same paths run over real TLS and MQTT 5 in {@link DeviceShadowClientTest}.
 */
class DeviceShadowClientLogicTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "$aws/things/seam_device/shadow";
    private static final long WAIT = 5;

    private final MqttTransport transport = mock(MqttTransport.class);
    private final AtomicReference<MqttTransport.Events> events = new AtomicReference<>();
    private final BlockingQueue<Published> published = new LinkedBlockingQueue<>();

    private record Published(String topic, JsonNode payload, CompletableFuture<Void> ack) {
        String token() {
            return payload.path("clientToken").asText();
        }
    }

    @BeforeEach
    void scriptTransport() {
        when(transport.subscribe(any())).thenReturn(CompletableFuture.completedFuture(null));
        when(transport.publish(anyString(), any())).thenAnswer(call -> {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            published.add(new Published(call.getArgument(0), JSON.readTree((byte[]) call.getArgument(1)), ack));
            return ack;
        });
    }

    private ShadowClientConfig.Builder config() {
        return ShadowClientConfig.builder().endpoint("localhost").thingName("seam_device")
                .certificateFile(Path.of("c")).privateKeyFile(Path.of("k")).caFile(Path.of("ca"))
                .connectTimeout(Duration.ofSeconds(2));
    }

    private DeviceShadowClient connected(ShadowClientConfig config) {
        CompletableFuture<DeviceShadowClient> client = CompletableFuture.supplyAsync(
                () -> DeviceShadowClient.connect(config, (c, e) -> {
                    events.set(e);
                    return transport;
                }));
        verify(transport, timeout(2000)).start();
        events.get().onConnected();
        return client.join();
    }

    private void answer(String suffix, String json) {
        events.get().onMessage(PREFIX + suffix, json.getBytes(StandardCharsets.UTF_8));
    }

    private Published nextPublish() throws InterruptedException {
        Published next = published.poll(WAIT, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("nothing was published");
        }
        return next;
    }

    @Test
    void anAcceptedAnswerCompletesTheUpdateWithItsVersion() throws Exception {
        DeviceShadowClient client = connected(config().build());
        CompletableFuture<ShadowAccepted> update = client.update(Map.of("cpu_usage", 12.5));
        Published request = nextPublish();
        assertEquals(PREFIX + "/update", request.topic());
        assertEquals(12.5, request.payload().path("state").path("reported").path("cpu_usage").asDouble());
        request.ack().complete(null);
        answer("/update/accepted", "{\"version\":7,\"timestamp\":1764278400,\"clientToken\":\"" + request.token() + "\"}");
        ShadowAccepted accepted = update.get(WAIT, TimeUnit.SECONDS);
        assertEquals(7, accepted.version());
        assertEquals(1_764_278_400L, accepted.timestamp().getEpochSecond());
    }

    @Test
    void aRejectedAnswerBecomesATypedExceptionWithAwsCodeAndMessage() throws Exception {
        DeviceShadowClient client = connected(config().build());
        CompletableFuture<ShadowAccepted> update = client.update(Map.of("a", 1));
        Published request = nextPublish();
        answer("/update/rejected", "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\""
                + request.token() + "\"}");
        ShadowRejectedException e = failure(update, ShadowRejectedException.class);
        assertEquals(409, e.code());
        assertEquals("Version conflict", e.errorMessage());
        assertEquals(Optional.of(request.token()), e.clientToken());
    }

    @Test
    void aRefusedPublishMapsToForbidden() throws Exception {
        DeviceShadowClient client = connected(config().build());
        CompletableFuture<ShadowAccepted> update = client.update(Map.of("a", 1));
        nextPublish().ack().completeExceptionally(
                new TransportException(TransportException.Kind.REFUSED, "PUBACK NOT_AUTHORIZED", null,
                        "NOT_AUTHORIZED"));
        ShadowRejectedException e = failure(update, ShadowRejectedException.class);
        assertEquals(403, e.code());
        assertTrue(e.getMessage().contains("PUBACK NOT_AUTHORIZED"), e.getMessage());
    }

    @Test
    void theFirstConnectionFailureIsCategorised() {
        ShadowClientConfig config = config().build();
        CompletableFuture<DeviceShadowClient> client = CompletableFuture.supplyAsync(
                () -> DeviceShadowClient.connect(config, (c, e) -> {
                    events.set(e);
                    return transport;
                }));
        verify(transport, timeout(2000)).start();
        events.get().onConnectionFailure(TransportFailure.of("AWS_ERROR_MQTT_UNEXPECTED_HANGUP"));
        assertEquals(ConnectFailure.CONNECTION_CLOSED_AFTER_CONNECT,
                failure(client, ShadowConnectException.class).failure());
        verify(transport, timeout(2000)).close();
    }

    @Test
    void whenTheQueueIsFullTheOldestWaitingUpdateIsDroppedAndCounted() throws Exception {
        DeviceShadowClient client = connected(config().queueCapacity(2).build());
        events.get().onDisconnected("AWS_ERROR_MQTT_UNEXPECTED_HANGUP");
        CompletableFuture<ShadowAccepted> first = client.update(Map.of("seq", 1));
        CompletableFuture<ShadowAccepted> second = client.update(Map.of("seq", 2));
        CompletableFuture<ShadowAccepted> third = client.update(Map.of("seq", 3));
        failure(first, ShadowUpdateDroppedException.class);
        assertEquals(1, client.droppedUpdates());
        assertEquals(2, client.pendingRequests());

        events.get().onConnected();
        assertEquals(2, nextPublish().payload().path("state").path("reported").path("seq").asInt());
        assertEquals(3, nextPublish().payload().path("state").path("reported").path("seq").asInt());
        assertTrue(!second.isDone() && !third.isDone());
    }

    @Test
    void requestsInFlightWhenTheConnectionDropsAreResentFirstAfterReconnecting() throws Exception {
        DeviceShadowClient client = connected(config().maxInFlight(2).build());
        CompletableFuture<ShadowAccepted> a = client.update(Map.of("seq", 1));
        CompletableFuture<ShadowAccepted> b = client.update(Map.of("seq", 2));
        Published firstA = nextPublish();
        Published firstB = nextPublish();
        events.get().onDisconnected("AWS_ERROR_MQTT_UNEXPECTED_HANGUP");
        firstA.ack().completeExceptionally(new TransportException(TransportException.Kind.CONNECTION_LOST, "lost", null));
        CompletableFuture<ShadowAccepted> c = client.update(Map.of("seq", 3));

        events.get().onConnected();
        Published againA = nextPublish();
        Published againB = nextPublish();
        assertEquals(firstA.token(), againA.token());
        assertEquals(firstB.token(), againB.token());
        answer("/update/accepted", "{\"version\":1,\"timestamp\":1,\"clientToken\":\"" + againA.token() + "\"}");
        Published thenC = nextPublish();
        assertEquals(3, thenC.payload().path("state").path("reported").path("seq").asInt());
        answer("/update/accepted", "{\"version\":2,\"timestamp\":1,\"clientToken\":\"" + againB.token() + "\"}");
        answer("/update/accepted", "{\"version\":3,\"timestamp\":1,\"clientToken\":\"" + thenC.token() + "\"}");
        assertEquals(List.of(1L, 2L, 3L), List.of(a.get(WAIT, TimeUnit.SECONDS).version(),
                b.get(WAIT, TimeUnit.SECONDS).version(), c.get(WAIT, TimeUnit.SECONDS).version()));
    }

    @Test
    void publishesFailedByALostConnectionBeforeItIsReportedAreResentInOrderAfterReconnecting() throws Exception {
        DeviceShadowClient client = connected(config().maxInFlight(2).build());
        CompletableFuture<ShadowAccepted> a = client.update(Map.of("seq", 1));
        CompletableFuture<ShadowAccepted> b = client.update(Map.of("seq", 2));
        Published firstA = nextPublish();
        Published firstB = nextPublish();
        // The library may fail the publishes, in any order, before it reports the disconnection.
        TransportException lost = new TransportException(TransportException.Kind.CONNECTION_LOST, "lost", null);
        firstB.ack().completeExceptionally(new CompletionException(lost));
        firstA.ack().completeExceptionally(lost);
        assertNull(published.poll(200, TimeUnit.MILLISECONDS), "resent before reconnecting");
        events.get().onDisconnected("AWS_ERROR_MQTT_UNEXPECTED_HANGUP");

        events.get().onConnected();
        Published againA = nextPublish();
        Published againB = nextPublish();
        assertEquals(firstA.token(), againA.token());
        assertEquals(firstB.token(), againB.token());
        assertFalse(a.isDone() || b.isDone(), "a request lost with the connection is resent, not failed");
        answer("/update/accepted", "{\"version\":1,\"timestamp\":1,\"clientToken\":\"" + againA.token() + "\"}");
        answer("/update/accepted", "{\"version\":2,\"timestamp\":1,\"clientToken\":\"" + againB.token() + "\"}");
        assertEquals(List.of(1L, 2L), List.of(a.get(WAIT, TimeUnit.SECONDS).version(),
                b.get(WAIT, TimeUnit.SECONDS).version()));
    }

    @Test
    void anUnansweredRequestTimesOut() throws Exception {
        DeviceShadowClient client = connected(config().responseTimeout(Duration.ofMillis(200)).build());
        CompletableFuture<ShadowAccepted> update = client.update(Map.of("a", 1));
        nextPublish().ack().complete(null);
        assertTrue(failure(update, ShadowTimeoutException.class).getMessage().contains("200 ms"));
    }

    @Test
    void deltasReachListenersInOrder() throws Exception {
        DeviceShadowClient client = connected(config().build());
        BlockingQueue<ShadowDelta> deltas = new LinkedBlockingQueue<>();
        client.onDelta(deltas::add);
        answer("/update/delta", "{\"version\":4,\"timestamp\":10,\"state\":{\"interval\":5}}");
        answer("/update/delta", "{\"version\":5,\"timestamp\":11,\"state\":{\"interval\":2}}");
        assertEquals(5, ((Number) deltas.poll(WAIT, TimeUnit.SECONDS).state().get("interval")).intValue());
        assertEquals(2, ((Number) deltas.poll(WAIT, TimeUnit.SECONDS).state().get("interval")).intValue());
    }
}
