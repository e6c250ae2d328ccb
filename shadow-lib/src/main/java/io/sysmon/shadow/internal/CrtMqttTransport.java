package io.sysmon.shadow.internal;

import io.sysmon.shadow.ShadowClientConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.CrtRuntimeException;
import software.amazon.awssdk.crt.io.ExponentialBackoffRetryOptions;
import software.amazon.awssdk.crt.io.SocketOptions;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.ConnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.DisconnectPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

/**
 * {@link MqttTransport} on the AWS IoT Device SDK v2's MQTT 5 client (aws-crt), with mutual TLS from PEM files.
 *
 * <p>The SDK's own offline queue is set to fail everything on disconnect: the shadow client keeps its own
 * bounded, ordered queue and decides what to resend, so nothing is sent twice by two layers.
 */
public final class CrtMqttTransport implements MqttTransport {

    private static final Logger LOG = LoggerFactory.getLogger(CrtMqttTransport.class);
    private static final long STOP_WAIT_SECONDS = 10;
    /**
     * After a failed first connection the client may not report "stopped" until the server hangs up, which a
     * broker may put off for its whole TLS handshake timeout; waiting for that would only delay the error.
     */
    private static final long STOP_WAIT_NEVER_CONNECTED_SECONDS = 1;

    private final Mqtt5Client client;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean everConnected = new AtomicBoolean();
    private final String name;

    /**
     * Builds the client; nothing is sent until {@link #start()}.
     *
     * @param config the connection settings
     * @param events where to report
     */
    public CrtMqttTransport(ShadowClientConfig config, Events events) {
        this.name = config.clientId() + "@" + config.endpoint() + ":" + config.port();
        AwsIotMqtt5ClientBuilder builder = AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(
                config.endpoint(), config.certificateFile().toString(), config.privateKeyFile().toString());
        SocketOptions socket = new SocketOptions();
        try {
            socket.connectTimeoutMs = (int) Math.min(config.connectTimeout().toMillis(), Integer.MAX_VALUE);
            builder.withPort((long) config.port())
                    .withCertificateAuthorityFromPath(null, config.caFile().toString())
                    .withConnectProperties(new ConnectPacket.ConnectPacketBuilder()
                            .withClientId(config.clientId())
                            .withKeepAliveIntervalSeconds(config.keepAlive().toSeconds()))
                    .withOfflineQueueBehavior(Mqtt5ClientOptions.ClientOfflineQueueBehavior.FAIL_ALL_ON_DISCONNECT)
                    .withMinReconnectDelayMs(config.minReconnectDelay().toMillis())
                    .withMaxReconnectDelayMs(config.maxReconnectDelay().toMillis())
                    .withRetryJitterMode(ExponentialBackoffRetryOptions.JitterMode.Full)
                    .withConnackTimeoutMs(Math.min(config.connectTimeout().toMillis(), 20_000L))
                    .withSocketOptions(socket)
                    .withLifeCycleEvents(new Lifecycle(events))
                    .withPublishEvents((c, publish) -> {
                        PublishPacket packet = publish.getPublishPacket();
                        byte[] payload = packet.getPayload();
                        events.onMessage(packet.getTopic(), payload == null ? new byte[0] : payload);
                    });
            this.client = builder.build();
        } finally {
            socket.close();
            builder.close();
        }
    }

    @Override
    public void start() {
        if (started.compareAndSet(false, true)) {
            client.start();
        }
    }

    @Override
    public CompletableFuture<Void> subscribe(List<String> topics) {
        SubscribePacket.SubscribePacketBuilder packet = new SubscribePacket.SubscribePacketBuilder();
        topics.forEach(topic -> packet.withSubscription(topic, QOS.AT_LEAST_ONCE));
        return client.subscribe(packet.build()).handle((SubAckPacket ack, Throwable error) -> {
            if (error != null) {
                throw failure("subscribe", error);
            }
            for (SubAckPacket.SubAckReasonCode code : ack.getReasonCodes()) {
                if (code != SubAckPacket.SubAckReasonCode.GRANTED_QOS_1
                        && code != SubAckPacket.SubAckReasonCode.GRANTED_QOS_0) {
                    throw new TransportException(TransportException.Kind.REFUSED, "SUBACK " + code
                            + Optional.ofNullable(ack.getReasonString()).map(s -> ": " + s).orElse(""), null,
                            code.name());
                }
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        PublishPacket packet = new PublishPacket.PublishPacketBuilder(topic, QOS.AT_LEAST_ONCE, payload).build();
        return client.publish(packet).handle((PublishResult result, Throwable error) -> {
            if (error != null) {
                throw failure("publish", error);
            }
            PubAckPacket ack = result.getResultPubAck();
            if (ack != null && ack.getReasonCode() != PubAckPacket.PubAckReasonCode.SUCCESS
                    && ack.getReasonCode() != PubAckPacket.PubAckReasonCode.NO_MATCHING_SUBSCRIBERS) {
                throw new TransportException(TransportException.Kind.REFUSED, "PUBACK " + ack.getReasonCode()
                        + Optional.ofNullable(ack.getReasonString()).map(s -> ": " + s).orElse(""), null,
                        ack.getReasonCode().name());
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (started.get()) {
                client.stop(new DisconnectPacket.DisconnectPacketBuilder()
                        .withReasonCode(DisconnectPacket.DisconnectReasonCode.NORMAL_DISCONNECTION).build());
                long wait = everConnected.get() ? STOP_WAIT_SECONDS : STOP_WAIT_NEVER_CONNECTED_SECONDS;
                if (!stopped.await(wait, TimeUnit.SECONDS) && everConnected.get()) {
                    LOG.warn("{}: the MQTT client did not report stopped within {} s; closing it anyway", name, wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CrtRuntimeException e) {
            LOG.debug("{}: stop failed: {}", name, e.getMessage());
        } finally {
            client.close();
        }
    }

    private static TransportException failure(String operation, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String message = operation + " failed: " + cause.getMessage();
        if (cause instanceof CrtRuntimeException) {
            String errorName = ((CrtRuntimeException) cause).errorName;
            if (errorName != null && (errorName.contains("OFFLINE_QUEUE") || errorName.contains("CONNECTION")
                    || errorName.contains("HANGUP") || errorName.contains("USER_REQUESTED_STOP")
                    || errorName.contains("DISCONNECT"))) {
                return new TransportException(TransportException.Kind.CONNECTION_LOST, message, cause);
            }
        }
        return new TransportException(TransportException.Kind.OTHER, message, cause);
    }

    private final class Lifecycle implements Mqtt5ClientOptions.LifecycleEvents {

        private final Events events;

        Lifecycle(Events events) {
            this.events = events;
        }

        @Override
        public void onAttemptingConnect(Mqtt5Client c, OnAttemptingConnectReturn result) {
            LOG.debug("{}: connecting", name);
        }

        @Override
        public void onConnectionSuccess(Mqtt5Client c, OnConnectionSuccessReturn result) {
            everConnected.set(true);
            events.onConnected();
        }

        @Override
        public void onConnectionFailure(Mqtt5Client c, OnConnectionFailureReturn result) {
            ConnAckPacket connack = result.getConnAckPacket();
            Optional<String> reason = Optional.empty();
            Optional<String> reasonString = Optional.empty();
            if (connack != null && connack.getReasonCode() != null) {
                reason = Optional.of(connack.getReasonCode().name());
                reasonString = Optional.ofNullable(connack.getReasonString());
            }
            events.onConnectionFailure(new TransportFailure(CRT.awsErrorName(result.getErrorCode()), reason,
                    reasonString));
        }

        @Override
        public void onDisconnection(Mqtt5Client c, OnDisconnectionReturn result) {
            DisconnectPacket packet = result.getDisconnectPacket();
            String reason = CRT.awsErrorName(result.getErrorCode());
            if (packet != null && packet.getReasonCode() != null) {
                reason += " (DISCONNECT " + packet.getReasonCode()
                        + Optional.ofNullable(packet.getReasonString()).map(s -> ": " + s).orElse("") + ")";
            }
            if (!closed.get()) {
                events.onDisconnected(reason);
            }
        }

        @Override
        public void onStopped(Mqtt5Client c, OnStoppedReturn result) {
            stopped.countDown();
        }
    }
}
