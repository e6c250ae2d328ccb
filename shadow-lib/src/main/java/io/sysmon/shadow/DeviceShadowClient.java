package io.sysmon.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import io.sysmon.shadow.internal.ConnectFailures;
import io.sysmon.shadow.internal.CredentialCheck;
import io.sysmon.shadow.internal.MqttTransport;
import io.sysmon.shadow.internal.SerialExecutor;
import io.sysmon.shadow.internal.ShadowMessages;
import io.sysmon.shadow.internal.ShadowRuntime;
import io.sysmon.shadow.internal.TransportException;
import io.sysmon.shadow.internal.TransportFactory;
import io.sysmon.shadow.internal.TransportFailure;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's connection to its AWS IoT shadow: report state with {@link #update(Map)}, read it with
 * {@link #get()}, hear desired-state changes with {@link #onDelta(Consumer)}.
 *
 * <pre>{@code
 * try (DeviceShadowClient shadow = DeviceShadowClient.init(ShadowClientConfig.fromEnvironment("my_iot_device_1"))) {
 *     ShadowAccepted accepted = shadow.update(Map.of("cpu_usage", 12.5)).get();
 *     System.out.println("version " + accepted.version());
 * }
 * }</pre>
 *
 * <p>What it promises:
 * <ul>
 *   <li>{@link #init(ShadowClientConfig)} checks the credential files first and reports every problem at once;
 *       then it connects (MQTT 5, mutual TLS, QoS 1, client ID = thing name) within the configured connect
 *       timeout or fails with a {@link ShadowConnectException} saying why. It never retries a first connection
 *       that cannot work (wrong CA, refused certificate) until the timeout.</li>
 *   <li>Each update's future completes with the version the service accepted, or fails with a
 *       {@link ShadowRejectedException} carrying AWS's code and message. Accepted and rejected are told apart by
 *       the service's answer, never assumed from a PUBACK.</li>
 *   <li>After the first connection, a lost connection is retried forever with exponential backoff and full
 *       jitter. Updates made meanwhile wait in a bounded queue and are sent in order after reconnecting;
 *       requests that were published but unanswered when the connection dropped are sent again first. When
 *       the queue is full the oldest waiting update is dropped, counted, and its future fails with
 *       {@link ShadowUpdateDroppedException}: never silently.</li>
 * </ul>
 *
 * <p>Thread-safe. Futures complete, and delta listeners run, on a shadow-lib thread: keep callbacks short, or
 * hand work to your own executor.
 */
public final class DeviceShadowClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceShadowClient.class);
    private static final long CLOSE_DRAIN_MILLIS = 5_000;
    private static final int MAX_SEND_ATTEMPTS = 5;
    private static final long PROBE_AFTER_MILLIS = 2_000;

    private final ShadowClientConfig config;
    private final ShadowClientListener listener;
    private final SerialExecutor state;
    private final SerialExecutor callbacks;
    private final MqttTransport transport;
    private final List<Consumer<ShadowDelta>> deltaListeners = new CopyOnWriteArrayList<>();
    private final String tokenPrefix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-";
    private final AtomicLong tokenSequence = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Completed once closing, when nothing is left to answer or nothing can be answered (disconnected). */
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final TransportFactory transports;
    private final String updateTopic;
    private final String getTopic;
    private final List<String> subscriptions;

    /** The latest failed connection attempt, for the first connection's error message. */
    private volatile TransportFailure lastFailure;

    // Everything below is written only on the `state` executor.
    private final Deque<Request> queue = new ArrayDeque<>();
    private final Map<String, Request> inFlight = new LinkedHashMap<>();
    private boolean connected;
    /** Volatile because {@link #isConnected()} reads it from any thread. */
    private volatile boolean subscribed;
    private boolean closing;
    private long connectionGeneration;

    private DeviceShadowClient(ShadowClientConfig config, TransportFactory transports) {
        this.config = config;
        this.listener = config.listener();
        this.state = new SerialExecutor(ShadowRuntime.pool());
        this.callbacks = new SerialExecutor(ShadowRuntime.pool());
        String prefix = config.topicPrefix();
        this.updateTopic = prefix + "/update";
        this.getTopic = prefix + "/get";
        this.subscriptions = List.of(updateTopic + "/accepted", updateTopic + "/rejected", updateTopic + "/delta",
                getTopic + "/accepted", getTopic + "/rejected");
        this.transports = transports;
        this.transport = transports.create(config, new Events());
    }

    /**
     * Checks the credential files, connects and subscribes to the shadow's answer topics.
     *
     * @param config where and as whom to connect
     * @return a connected client; close it when done
     * @throws ShadowConfigException listing every problem with the certificate, key and CA files
     * @throws ShadowConnectException when the first connection fails or does not happen within the connect
     *     timeout; the client is then already closed
     */
    public static DeviceShadowClient init(ShadowClientConfig config) {
        Objects.requireNonNull(config, "config");
        CredentialCheck.Result check = CredentialCheck.check(config.certificateFile(), config.privateKeyFile(),
                config.caFile(), Clock.systemUTC());
        check.warnings().forEach(warning -> LOG.warn("{}", warning));
        if (!check.ok()) {
            throw new ShadowConfigException(check.problems());
        }
        return connect(config, TransportFactory.CRT);
    }

    /**
     * Connects over the given transport, without checking files. For tests of the client's logic.
     *
     * @param config the settings
     * @param transports makes the transport
     * @return a connected client
     */
    static DeviceShadowClient connect(ShadowClientConfig config, TransportFactory transports) {
        DeviceShadowClient client = new DeviceShadowClient(config, transports);
        client.transport.start();
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        try {
            try {
                client.ready.get(Math.min(PROBE_AFTER_MILLIS, config.connectTimeout().toMillis()),
                        TimeUnit.MILLISECONDS);
                return client;
            } catch (TimeoutException slow) {
                // The MQTT library reports some TLS failures only once the server hangs up, which a broker may
                // put off for its whole handshake timeout; a quick look of our own fails fast instead.
                Optional<ConnectFailure> tls = client.probeTls();
                if (tls.isPresent()) {
                    client.abandon();
                    throw new ShadowConnectException(tls.get(), "cannot connect to " + config.endpoint() + ":"
                            + config.port() + " as " + config.clientId() + ": TLS handshake failed", null);
                }
            }
            client.ready.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
            return client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.abandon();
            throw new ShadowConnectException(ConnectFailure.TIMED_OUT, "interrupted while connecting", e);
        } catch (TimeoutException e) {
            client.abandon();
            TransportFailure last = client.lastFailure;
            ConnectFailure failure = last == null ? ConnectFailure.TIMED_OUT : client.refine(last);
            String detail = "no connection to " + config.endpoint() + ":" + config.port() + " within "
                    + config.connectTimeout().toSeconds() + " s" + (last == null ? "" : " (last error: " + last + ")");
            throw new ShadowConnectException(failure, detail, null);
        } catch (ExecutionException e) {
            client.abandon();
            if (e.getCause() instanceof FirstAttemptFailed) {
                TransportFailure failure = ((FirstAttemptFailed) e.getCause()).failure;
                throw new ShadowConnectException(client.refine(failure), "cannot connect to " + config.endpoint()
                        + ":" + config.port() + " as " + config.clientId() + ": " + failure, null);
            }
            if (e.getCause() instanceof ShadowConnectException) {
                throw (ShadowConnectException) e.getCause();
            }
            throw new ShadowConnectException(ConnectFailure.OTHER, "connecting failed", e.getCause());
        }
    }

    /**
     * Reports {@code reported} as the device's state: publishes {@code {"state":{"reported":{...}}}} with a fresh
     * client token, at QoS 1.
     *
     * @param reported attribute names to values (strings, numbers, booleans, lists, nested maps); {@code null}
     *     values delete the attribute
     * @return completes with the accepted version, or fails with {@link ShadowRejectedException} (AWS's code),
     *     {@link ShadowUpdateDroppedException}, {@link ShadowTimeoutException} or
     *     {@link ShadowClientClosedException}
     * @throws IllegalArgumentException when a value cannot be written as JSON
     */
    public CompletableFuture<ShadowAccepted> update(Map<String, ?> reported) {
        Objects.requireNonNull(reported, "reported");
        String token = nextToken();
        return submitUpdate(token, ShadowMessages.updateReported(reported, token, null));
    }

    /**
     * Like {@link #update(Map)}, applied only if the shadow is still at {@code expectedVersion} (optimistic
     * locking); otherwise the future fails with a {@link ShadowRejectedException} with code 409.
     *
     * @param reported attribute names to values
     * @param expectedVersion the version the shadow must be at
     * @return as {@link #update(Map)}
     */
    public CompletableFuture<ShadowAccepted> update(Map<String, ?> reported, long expectedVersion) {
        Objects.requireNonNull(reported, "reported");
        String token = nextToken();
        return submitUpdate(token, ShadowMessages.updateReported(reported, token, expectedVersion));
    }

    private CompletableFuture<ShadowAccepted> submitUpdate(String token, byte[] payload) {
        CompletableFuture<ShadowAccepted> future = new CompletableFuture<>();
        submit(new Request(Kind.UPDATE, token, updateTopic, payload, future));
        return future;
    }

    /**
     * Reads the shadow.
     *
     * @return completes with the document, or fails with {@link ShadowRejectedException} (404 when the shadow
     *     does not exist yet)
     */
    public CompletableFuture<ShadowDocument> get() {
        String token = nextToken();
        CompletableFuture<ShadowDocument> future = new CompletableFuture<>();
        submit(new Request(Kind.GET, token, getTopic, ShadowMessages.get(token), future));
        return future;
    }

    /**
     * Hears every delta the shadow service publishes: desired attributes that differ from reported ones.
     *
     * @param deltaListener called once per delta, in order
     * @return closing it stops the calls
     */
    public AutoCloseable onDelta(Consumer<ShadowDelta> deltaListener) {
        Objects.requireNonNull(deltaListener, "deltaListener");
        deltaListeners.add(deltaListener);
        return () -> deltaListeners.remove(deltaListener);
    }

    /** @return the settings this client runs with */
    public ShadowClientConfig config() {
        return config;
    }

    /** @return whether the client is connected and subscribed now */
    public boolean isConnected() {
        return ready.isDone() && !ready.isCompletedExceptionally() && subscribed;
    }

    /** @return requests not yet answered: queued, or published and awaiting the service */
    public int pendingRequests() {
        return pending.get();
    }

    /** @return updates dropped so far because the offline queue was full */
    public long droppedUpdates() {
        return dropped.get();
    }

    /**
     * Waits (up to 5 s, while connected) for outstanding requests to be answered, fails whatever is left with
     * {@link ShadowClientClosedException}, disconnects and frees every native resource. Idempotent.
     */
    @Override
    public void close() {
        state.execute(() -> {
            closing = true;
            checkDrained();
        });
        try {
            drained.get(CLOSE_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("{}: closing with requests unanswered", config.thingName());
        }
        CompletableFuture<Void> failedAll = new CompletableFuture<>();
        state.execute(() -> {
            failAll(() -> new ShadowClientClosedException("the shadow client for " + config.thingName()
                    + " was closed before the request was answered"));
            subscribed = false;
            failedAll.complete(null);
        });
        try {
            failedAll.get(CLOSE_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: shadow client state did not settle while closing", config.thingName());
        }
        transport.close();
    }

    private String nextToken() {
        return tokenPrefix + Long.toString(tokenSequence.incrementAndGet(), 36);
    }

    private void submit(Request request) {
        pending.incrementAndGet();
        state.execute(() -> {
            if (closing) {
                finish(request, null, new ShadowClientClosedException("the shadow client for " + config.thingName()
                        + " is closed"));
                return;
            }
            if (queue.size() + inFlight.size() >= config.queueCapacity()) {
                Request oldest = queue.pollFirst();
                if (oldest != null) {
                    dropped.incrementAndGet();
                    LOG.warn("{}: offline queue full ({} requests): dropped the oldest waiting request",
                            config.thingName(), config.queueCapacity());
                    finish(oldest, null, new ShadowUpdateDroppedException("the offline queue for "
                            + config.thingName() + " was full (" + config.queueCapacity()
                            + "); this oldest waiting update was dropped for a newer one"));
                }
            }
            queue.addLast(request);
            depthChanged();
            pump();
        });
    }

    private void pump() {
        while (connected && subscribed && inFlight.size() < config.maxInFlight() && !queue.isEmpty()) {
            Request request = queue.pollFirst();
            send(request);
        }
    }

    private void send(Request request) {
        request.attempts++;
        int attempt = request.attempts;
        inFlight.put(request.token, request);
        request.timeout = ShadowRuntime.timer().schedule(
                () -> state.execute(() -> onResponseTimeout(request, attempt)),
                config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        transport.publish(request.topic, request.payload)
                .whenComplete((ok, error) -> state.execute(() -> onPublished(request, attempt, error)));
    }

    private void onPublished(Request request, int attempt, Throwable error) {
        if (error == null || request.attempts != attempt || inFlight.get(request.token) != request) {
            return;
        }
        Throwable cause = unwrap(error);
        TransportException failure = cause instanceof TransportException transportError ? transportError : null;
        TransportException.Kind kind = failure != null ? failure.kind() : TransportException.Kind.OTHER;
        if (kind == TransportException.Kind.REFUSED) {
            inFlight.remove(request.token);
            finish(request, null, new ShadowRejectedException(
                    ConnectFailures.codeForReason(failure.reasonCode().orElse("")),
                    "the broker refused the publish: " + cause.getMessage(), request.token));
            pump();
        } else if (kind == TransportException.Kind.CONNECTION_LOST) {
            // Left in flight: the disconnect handler moves every request in flight back to the head of the queue,
            // in order, to be sent again after reconnecting. Resending it alone now could reorder them.
            LOG.debug("{}: publish of {} failed with the connection: {}", config.thingName(), request.token,
                    cause.getMessage());
        } else if (request.attempts >= MAX_SEND_ATTEMPTS) {
            inFlight.remove(request.token);
            finish(request, null, new ShadowException("publishing to " + request.topic + " failed "
                    + request.attempts + " times: " + cause.getMessage(), cause));
            pump();
        } else {
            inFlight.remove(request.token);
            cancelTimeout(request);
            queue.addFirst(request);
            pump();
        }
    }

    private void onResponseTimeout(Request request, int attempt) {
        // Disconnecting empties inFlight, so a request still in it was sent on the current connection.
        if (request.attempts != attempt || inFlight.get(request.token) != request) {
            return;
        }
        inFlight.remove(request.token);
        finish(request, null, new ShadowTimeoutException("no answer to " + request.topic + " (clientToken "
                + request.token + ") within " + config.responseTimeout().toMillis() + " ms"));
        pump();
    }

    private void onMessage(String topic, byte[] payload) {
        Optional<JsonNode> parsed = ShadowMessages.parse(payload);
        if (parsed.isEmpty()) {
            LOG.warn("{}: ignored a message on {} that is not a JSON object", config.thingName(), topic);
            return;
        }
        JsonNode answer = parsed.get();
        if (topic.equals(updateTopic + "/delta")) {
            ShadowDelta delta = ShadowMessages.delta(answer);
            for (Consumer<ShadowDelta> deltaListener : deltaListeners) {
                callbacks.execute(() -> deltaListener.accept(delta));
            }
            return;
        }
        Optional<String> token = ShadowMessages.clientToken(answer);
        Request request = token.map(inFlight::get).orElse(null);
        if (request == null) {
            // An answer to a request we resent, or to another client on the same thing: not ours to settle.
            LOG.debug("{}: answer on {} for unknown clientToken {}", config.thingName(), topic, token.orElse("-"));
            return;
        }
        inFlight.remove(request.token);
        if (topic.endsWith("/rejected")) {
            finish(request, null, ShadowMessages.rejected(answer, request.token));
        } else if (request.kind == Kind.UPDATE && topic.equals(updateTopic + "/accepted")) {
            finish(request, ShadowMessages.accepted(answer, request.token), null);
        } else if (request.kind == Kind.GET && topic.equals(getTopic + "/accepted")) {
            finish(request, ShadowMessages.document(answer), null);
        } else {
            inFlight.put(request.token, request);
            return;
        }
        pump();
    }

    private void onConnected() {
        connectionGeneration++;
        connected = true;
        long generation = connectionGeneration;
        transport.subscribe(subscriptions).whenComplete((ok, error) -> state.execute(() -> {
            if (generation != connectionGeneration || !connected || closing) {
                return;
            }
            if (error == null) {
                subscribed = true;
                LOG.info("{}: connected to {}:{}", config.thingName(), config.endpoint(), config.port());
                callbacks.execute(listener::onConnected);
                ready.complete(null);
                pump();
            } else {
                Throwable cause = unwrap(error);
                if (!ready.isDone()) {
                    ready.completeExceptionally(new ShadowConnectException(ConnectFailure.SUBSCRIBE_REFUSED,
                            "subscribing to " + config.topicPrefix() + "/... failed: " + cause.getMessage(), cause));
                } else {
                    LOG.error("{}: subscribing to the shadow topics failed: {}; retrying in {}", config.thingName(),
                            cause.getMessage(), config.minReconnectDelay());
                    ShadowRuntime.timer().schedule(() -> state.execute(() -> {
                        if (generation == connectionGeneration && connected && !subscribed) {
                            connected = false;
                            onConnected();
                        }
                    }), config.minReconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }));
    }

    private void onDisconnected(String reason) {
        boolean wasConnected = connected;
        connected = false;
        subscribed = false;
        List<Request> unanswered = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (int i = unanswered.size() - 1; i >= 0; i--) {
            Request request = unanswered.get(i);
            cancelTimeout(request);
            queue.addFirst(request);
        }
        if (wasConnected) {
            LOG.warn("{}: connection lost ({}); {} requests wait for the reconnect", config.thingName(), reason,
                    queue.size());
            callbacks.execute(() -> listener.onDisconnected(reason));
        }
    }

    private void onConnectionFailure(TransportFailure failure) {
        if (!ready.isDone()) {
            ready.completeExceptionally(new FirstAttemptFailed(failure));
        } else {
            LOG.info("{}: reconnect attempt failed: {}", config.thingName(), failure);
        }
    }

    private ConnectFailure refine(TransportFailure failure) {
        ConnectFailure category = ConnectFailures.classify(failure);
        if (category == ConnectFailure.TLS_HANDSHAKE_FAILED) {
            return transports.diagnoseTls(config).orElse(category);
        }
        return category;
    }

    private Optional<ConnectFailure> probeTls() {
        if (ready.isDone()) {
            return Optional.empty();
        }
        return transports.diagnoseTls(config);
    }

    private void abandon() {
        state.execute(() -> closing = true);
        transport.close();
    }

    private void failAll(java.util.function.Supplier<RuntimeException> error) {
        List<Request> all = new ArrayList<>(inFlight.values());
        all.addAll(queue);
        inFlight.clear();
        queue.clear();
        for (Request request : all) {
            finish(request, null, error.get());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void finish(Request request, Object value, RuntimeException error) {
        cancelTimeout(request);
        pending.decrementAndGet();
        CompletableFuture future = request.future;
        callbacks.execute(() -> {
            if (error == null) {
                future.complete(value);
            } else {
                future.completeExceptionally(error);
            }
        });
        depthChanged();
        checkDrained();
    }

    private void checkDrained() {
        // Nothing will drain while disconnected: close now rather than wait out the bound.
        if (closing && (!connected || (queue.isEmpty() && inFlight.isEmpty()))) {
            drained.complete(null);
        }
    }

    /** The failure itself, from a future's callback, which may wrap it in a {@link CompletionException}. */
    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void depthChanged() {
        int depth = queue.size() + inFlight.size();
        long droppedSoFar = dropped.get();
        callbacks.execute(() -> listener.onQueueDepthChanged(depth, droppedSoFar));
    }

    private static void cancelTimeout(Request request) {
        ScheduledFuture<?> timeout = request.timeout;
        if (timeout != null) {
            timeout.cancel(false);
            request.timeout = null;
        }
    }

    private enum Kind { UPDATE, GET }

    private static final class Request {
        final Kind kind;
        final String token;
        final String topic;
        final byte[] payload;
        final CompletableFuture<?> future;
        int attempts;
        ScheduledFuture<?> timeout;

        Request(Kind kind, String token, String topic, byte[] payload, CompletableFuture<?> future) {
            this.kind = kind;
            this.token = token;
            this.topic = topic;
            this.payload = payload;
            this.future = future;
        }
    }

    private final class Events implements MqttTransport.Events {
        @Override
        public void onConnected() {
            state.execute(DeviceShadowClient.this::onConnected);
        }

        @Override
        public void onConnectionFailure(TransportFailure failure) {
            // Set here, not on the state executor, so that a caller whose connect timed out sees it at once.
            lastFailure = failure;
            state.execute(() -> DeviceShadowClient.this.onConnectionFailure(failure));
        }

        @Override
        public void onDisconnected(String reason) {
            state.execute(() -> DeviceShadowClient.this.onDisconnected(reason));
        }

        @Override
        public void onMessage(String topic, byte[] payload) {
            state.execute(() -> DeviceShadowClient.this.onMessage(topic, payload));
        }
    }

    /** The first connection attempt failed; carries what the transport saw to the caller's thread. */
    private static final class FirstAttemptFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient TransportFailure failure;

        FirstAttemptFailed(TransportFailure failure) {
            super(failure.toString(), null, false, false);
            this.failure = failure;
        }
    }
}
