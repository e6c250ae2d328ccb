package io.sysmon.shadow;

/**
 * Hears about the client's connection and its offline queue. Every method has an empty default, so implement
 * only what you need. Calls come from a shadow-lib thread, one at a time per client; keep them quick.
 */
public interface ShadowClientListener {

    /** The client is connected and subscribed: updates flow. */
    default void onConnected() {
    }

    /**
     * The connection was lost; the client reconnects by itself, with exponential backoff and jitter.
     *
     * @param reason what the transport reported, e.g. {@code AWS_ERROR_MQTT_UNEXPECTED_HANGUP}
     */
    default void onDisconnected(String reason) {
    }

    /**
     * The number of updates waiting (queued or awaiting an answer) changed.
     *
     * @param depth updates not yet answered
     * @param dropped updates dropped so far because the offline queue was full
     */
    default void onQueueDepthChanged(int depth, long dropped) {
    }
}
