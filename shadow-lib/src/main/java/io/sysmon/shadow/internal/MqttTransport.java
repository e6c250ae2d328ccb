package io.sysmon.shadow.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one seam between the shadow client and the MQTT 5 library: connect and reconnect, subscribe, publish at
 * QoS 1, and hear what happens. {@link CrtMqttTransport} implements it on the AWS IoT Device SDK v2; unit
 * tests mock it.
 */
public interface MqttTransport extends AutoCloseable {

    /** What the transport reports. Calls may come from any thread. */
    interface Events {

        /** A connection was made. */
        void onConnected();

        /**
         * A connection attempt failed.
         *
         * @param failure what went wrong
         */
        void onConnectionFailure(TransportFailure failure);

        /**
         * An established connection was lost.
         *
         * @param reason the transport's error name or the server's DISCONNECT reason
         */
        void onDisconnected(String reason);

        /**
         * A message arrived on a subscribed topic.
         *
         * @param topic its topic
         * @param payload its payload
         */
        void onMessage(String topic, byte[] payload);
    }

    /** Starts connecting; after a connection was lost the transport reconnects by itself until closed. */
    void start();

    /**
     * Subscribes at QoS 1.
     *
     * @param topics topic filters
     * @return completes when every subscription is granted; fails with a {@link TransportException} otherwise
     */
    CompletableFuture<Void> subscribe(List<String> topics);

    /**
     * Publishes at QoS 1.
     *
     * @param topic the topic
     * @param payload the payload
     * @return completes on a successful PUBACK; fails with a {@link TransportException} otherwise
     */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    /** Disconnects, stops reconnecting and frees every native resource. Idempotent; blocks boundedly. */
    @Override
    void close();
}
