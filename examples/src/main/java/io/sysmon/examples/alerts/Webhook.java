package io.sysmon.examples.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs notifications as JSON to one URL, one after the other in the order given (so "resolved" never overtakes
 * its "fired"), without ever blocking the caller. A failure is logged once per kind (an HTTP status, an
 * exception type), not once per notification.
 */
final class Webhook {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Notifications waiting for delivery beyond this are dropped: the receiver is down or far too slow. */
    static final int MAX_PENDING = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Webhook.class);

    private final URI uri;
    private final HttpClient client;
    private final int maxPending;
    private final Consumer<String> warnings;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null); // guarded by this
    private int pending; // guarded by this
    private boolean dropping; // guarded by this; warned once per backlog, until it drains

    Webhook(URI uri) {
        this(uri, MAX_PENDING, LOG::warn);
    }

    /**
     * @param maxPending how many notifications may wait for delivery
     * @param warnings where the once-per-kind warnings go (a test collects them)
     */
    Webhook(URI uri, int maxPending, Consumer<String> warnings) {
        this.uri = uri;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.maxPending = maxPending;
        this.warnings = warnings;
    }

    URI uri() {
        return uri;
    }

    /** Queues one POST of {@code json}; returns at once. */
    synchronized void post(String json) {
        if (pending >= maxPending) {
            if (!dropping) {
                dropping = true;
                warnings.accept("webhook " + uri + ": " + pending + " notifications are waiting for delivery; "
                        + "dropping new ones until it catches up (they are still in notifications.log)");
            }
            return;
        }
        pending++;
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        tail = tail.thenCompose(previous -> send(request));
    }

    /** @return completes, never exceptionally, once the request got an answer or failed */
    private CompletableFuture<Void> send(HttpRequest request) {
        CompletableFuture<HttpResponse<Void>> sent;
        try {
            sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((response, failure) -> {
            done(response, failure);
            return null;
        });
    }

    private void done(HttpResponse<Void> response, Throwable failure) {
        synchronized (this) {
            if (--pending == 0) {
                dropping = false; // caught up: a later backlog is news again
            }
        }
        if (failure != null) {
            Throwable cause = failure.getCause() != null && failure instanceof CompletionException
                    ? failure.getCause() : failure;
            if (reported.add(cause.getClass().getName())) {
                warnings.accept("webhook " + uri + " failed (" + cause.getClass().getSimpleName() + ": "
                        + cause.getMessage() + "); alerts are still logged in notifications.log (said once per "
                        + "kind of failure)");
            }
        } else if (response.statusCode() / 100 != 2 && reported.add("HTTP " + response.statusCode())) {
            warnings.accept("webhook " + uri + " answered HTTP " + response.statusCode() + "; alerts are still "
                    + "logged in notifications.log (said once per status)");
        }
    }

    /**
     * Waits for the notifications posted so far to be delivered or to fail.
     *
     * @param bound how long to wait at most
     * @return whether they were all done in time
     */
    boolean await(Duration bound) {
        CompletableFuture<Void> last;
        synchronized (this) {
            last = tail;
        }
        try {
            last.get(bound.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true; // cannot happen: send() never completes exceptionally
        }
    }
}
