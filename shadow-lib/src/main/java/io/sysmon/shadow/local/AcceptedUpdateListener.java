package io.sysmon.shadow.local;

/**
 * A hook that sees every shadow update the local Device Shadow service accepts: the seam the local rules engine
 * plugs into.
 *
 * <p>Threading: listeners are called synchronously on the broker's thread that handled the publish, after the
 * service has committed the update and computed its response messages, and before those messages are published.
 * They must be quick and must not block: a slow listener slows down every client of the broker. Hand longer work
 * to an executor of your own.
 *
 * <p>Updates to different shadows, and even to the same shadow, may be reported concurrently from several threads;
 * use {@link AcceptedUpdate#version()} to order updates of one shadow. A listener that throws is logged and does
 * not affect the update, the response messages or the other listeners.
 *
 * <p>Usage: {@code shadowService.addListener(update -> rules.evaluate(update.topic(), update.request()));}
 */
@FunctionalInterface
public interface AcceptedUpdateListener {

    /**
     * Called once for every accepted shadow update.
     *
     * @param update the accepted update; never {@code null}
     */
    void onAcceptedUpdate(AcceptedUpdate update);
}
