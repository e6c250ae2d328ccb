package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.examples.dashboard.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, end to end as a user runs it: {@code java -jar sysmon.jar demo}, then what the dashboard
 * API and a real browser show. Devices report every 0.5 s here so the alert fires and resolves within seconds.
 */
class DemoCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration CONDITION = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void threeDevicesFlowToTheDashboardAnAlertFiresAndResolvesAndDataSurvivesARestart() throws Exception {
        Path data = dir.resolve("data");
        int port = TestEndpoint.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);

        Instant beforeStop;
        try (JarProcess demo = startDemo(port, data)) {
            demo.awaitOutLine("sysmon demo: dashboard on http://127\\.0\\.0\\.1:" + port + "/", START);

            JsonNode devices = await(base, "/api/devices", json -> json.size() == 3, "three devices");
            Set<String> names = new HashSet<>();
            devices.forEach(device -> names.add(device.path("device").asText()));
            assertEquals(Set.copyOf(DemoCommand.THINGS), names);
            assertTrue(devices.get(0).path("shadow").path("state").path("reported").has("cpu_usage"));

            JsonNode alerts = await(base, "/api/alerts?window=1h", json -> resolved(json, "my_iot_device_3"),
                    "my_iot_device_3's alert to fire and resolve");
            JsonNode alert = find(alerts, "my_iot_device_3").orElseThrow();
            assertTrue(alert.path("message").asText().startsWith("my_iot_device_3: "), alert.toString());
            // Once when the threshold is crossed, once on recovery: never a notification per message.
            String events = eventsOf(Files.readAllLines(data.resolve("notifications.log")), "my_iot_device_3");
            assertTrue(events.matches("(fired resolved )+(fired )?"), "fired/resolved must alternate: " + events);

            // A device that stops leaves a gap in its series, and nothing else happens.
            demo.writeLine("stop my_iot_device_2");
            demo.awaitOutLine("my_iot_device_2 stopped", CONDITION);
            await(base, "/api/devices", json -> silentFor(json, "my_iot_device_2", Duration.ofSeconds(4)),
                    "my_iot_device_2 to stay silent for 4 s");
            demo.writeLine("start my_iot_device_2");
            demo.awaitOutLine("my_iot_device_2 reports again", CONDITION);
            await(base, "/api/series?measure=cpu_usage&window=5m&devices=my_iot_device_2&points=2000",
                    json -> hasGapThenPoint(json.path("series").path("my_iot_device_2")),
                    "a gap in my_iot_device_2's series, then points again");

            browserShowsThreeDevicesAndTheAlert(base);

            beforeStop = Instant.now();
            demo.sigterm();
            assertEquals(0, demo.waitForExit(Duration.ofSeconds(20)), "Ctrl-C/SIGTERM must exit 0");
        }

        try (JarProcess again = startDemo(port, data)) {
            again.awaitOutLine("sysmon demo: dashboard on .*", START);
            JsonNode alerts = get(base, "/api/alerts?window=1h");
            assertTrue(resolved(alerts, "my_iot_device_3"), "the alert history survives a restart: " + alerts);
            JsonNode series = get(base, "/api/series?measure=cpu_usage&window=15m");
            assertEquals(3, series.path("series").size(), "the stored series survive a restart: " + series);
            for (String device : DemoCommand.THINGS) {
                assertTrue(hasPointBefore(series.path("series").path(device), beforeStop),
                        device + " has no point from before the restart: " + series);
            }
            again.sigterm();
            assertEquals(0, again.waitForExit(Duration.ofSeconds(20)));
        }
    }

    @Test
    void aPortInUseIsNamedInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            try (JarProcess demo = startDemo(taken.getLocalPort(), dir.resolve("data"))) {
                assertEquals(1, demo.waitForExit(START));
                assertEquals("sysmon demo: port " + taken.getLocalPort() + " is already in use: stop whatever listens "
                        + "there, or pass --port", lastErrorLine(demo));
            }
        }
    }

    @Test
    void anUnwritableDataDirectoryIsNamedInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        try (JarProcess demo = startDemo(TestEndpoint.freePort(), file)) {
            assertEquals(1, demo.waitForExit(START));
            String line = lastErrorLine(demo);
            assertTrue(line.startsWith("sysmon demo: cannot write to the data directory " + file), line);
            JarProcess.assertNoStackTrace(demo.errLines());
        }
    }

    private void browserShowsThreeDevicesAndTheAlert(URI base) throws IOException, InterruptedException {
        Optional<Chromium> chromium = Chromium.find(Files.createDirectories(dir.resolve("chromium")));
        assumeTrue(chromium.isPresent(), Chromium.NOT_FOUND);
        String dom = chromium.get().dumpDom(base.resolve("/#window=5m"));
        Matcher charts = Pattern.compile("data-measure=\"([a-z_]+)\"[^>]*data-points=\"([^\"]*)\"").matcher(dom);
        int chartsWithThreeDevices = 0;
        while (charts.find()) {
            if (drewPointsFor(charts.group(2), DemoCommand.THINGS.get(1))
                    && drewPointsFor(charts.group(2), DemoCommand.THINGS.get(2))) {
                chartsWithThreeDevices++;
            }
        }
        assertTrue(chartsWithThreeDevices >= 4, "charts should draw the fake devices' points: " + dom);
        assertTrue(drewPointsFor(allPoints(dom, "cpu_usage"), DemoCommand.THINGS.get(0)),
                "the CPU chart should draw this machine's points");
        assertTrue(dom.contains("data-alert-device=\"my_iot_device_3\""), "the alert panel should show the alert");
        chromium.get().screenshot(base.resolve("/#window=5m"), dir.resolve("demo.png"));
    }

    private static String allPoints(String dom, String measure) {
        Matcher m = Pattern.compile("data-measure=\"" + measure + "\"[^>]*data-points=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : "";
    }

    private static boolean drewPointsFor(String points, String device) {
        Matcher m = Pattern.compile("(?:^|,)" + device + "=(\\d+)").matcher(points);
        return m.find() && Integer.parseInt(m.group(1)) > 0;
    }

    private JarProcess startDemo(int port, Path data) throws IOException {
        return JarProcess.start("demo", "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--interval", "0.5", "--spike-every", "20", "--sampler", "sysfs");
    }

    /** @return the first answer that meets {@code condition}; fails the test when none does in time */
    private JsonNode await(URI base, String path, Predicate<JsonNode> condition, String what)
            throws InterruptedException {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        TestEndpoint.await(CONDITION, () -> {
            try {
                last.set(get(base, path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return condition.test(last.get());
        }, () -> what + "; last answer: " + last.get());
        return last.get();
    }

    private JsonNode get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static boolean resolved(JsonNode alerts, String device) {
        return find(alerts, device).map(alert -> !alert.path("firing").asBoolean(true)).orElse(false);
    }

    private static Optional<JsonNode> find(JsonNode alerts, String device) {
        for (JsonNode alert : alerts) {
            if (alert.path("device").asText().equals(device)) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    private static boolean silentFor(JsonNode devices, String device, Duration quiet) {
        for (JsonNode entry : devices) {
            if (entry.path("device").asText().equals(device)) {
                long lastSeen = Instant.parse(entry.path("lastSeen").asText()).toEpochMilli();
                return System.currentTimeMillis() - lastSeen >= quiet.toMillis();
            }
        }
        return false;
    }

    private static boolean hasPointBefore(JsonNode points, Instant instant) {
        for (JsonNode point : points) {
            if (!point.get(1).isNull() && point.get(0).asLong() < instant.toEpochMilli()) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasGapThenPoint(JsonNode points) {
        boolean gap = false;
        for (JsonNode point : points) {
            if (point.get(1).isNull()) {
                gap = true;
            } else if (gap) {
                return true;
            }
        }
        return false;
    }

    private static String eventsOf(java.util.List<String> lines, String device) throws IOException {
        StringBuilder events = new StringBuilder();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            if (event.path("device").asText().equals(device)) {
                events.append(event.path("event").asText()).append(' ');
            }
        }
        return events.toString();
    }

    private static String lastErrorLine(JarProcess process) {
        var lines = process.errLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
