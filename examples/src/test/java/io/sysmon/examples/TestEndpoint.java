package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The real local endpoint, in the test's JVM on a free loopback port, with its CA and device credentials in a
 * test directory: real TLS with client certificates, real MQTT 5, AWS's shadow semantics.
 */
final class TestEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalIotEndpoint endpoint;
    final Path certs;

    /**
     * @param dir a directory of the test's own; {@code certs/} and {@code broker/} are made in it
     * @param things the things to issue credentials for
     */
    TestEndpoint(Path dir, String... things) {
        this.certs = dir.resolve("certs");
        this.endpoint = LocalIotEndpoint.builder().certsDir(certs).workDir(dir.resolve("broker")).build().start();
        for (String thing : things) {
            endpoint.issueDevice(thing);
        }
    }

    /** @return {@code --endpoint localhost --port P --certs-dir DIR --ca-file CA} for this endpoint */
    List<String> connectionArgs() {
        return List.of("--endpoint", "localhost", "--port", Integer.toString(endpoint.port()),
                "--certs-dir", certs.toString(), "--ca-file", endpoint.caFile().toString());
    }

    /** @return the connection arguments, then {@code args} */
    String[] command(String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(connectionArgs());
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    /** @return the thing's shadow document, or a missing node when it has none */
    JsonNode shadow(String thing) {
        Optional<String> document = endpoint.shadowDocument(thing, Optional.empty());
        try {
            return document.isPresent() ? JSON.readTree(document.get()) : JSON.missingNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a desired attribute from the cloud side; the value is JSON, e.g. {@code 0.2} or {@code "fast"}. */
    void desire(String thing, String key, String jsonValue) {
        endpoint.updateShadow(thing, Optional.empty(),
                "{\"state\":{\"desired\":{\"" + key + "\":" + jsonValue + "}}}");
    }

    @Override
    public void close() {
        endpoint.close();
    }

    /** Waits until {@code condition} holds, checking every 20 ms; fails the test after {@code bound}. */
    static void await(Duration bound, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + bound + ": " + what.get());
            }
            Thread.sleep(20);
        }
    }

    /** @return a loopback port that was free a moment ago */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
