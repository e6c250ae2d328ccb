package io.sysmon.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium (Debian's {@code chromium}, or {@code $CHROME_BIN}): the page loads its
 * chart library from the jar, polls the API, and draws every chart with a line for each of three devices, and
 * the alert panel shows the firing and the resolved alert. Skipped, saying so, where Chromium is absent.
 */
class DashboardBrowserIT {

    private static final List<String> CHARTED = List.of("cpu_usage", "cpu_temp", "cpu_freq", "ram_percent",
            "fan_speed");
    private static final Pattern TAG = Pattern.compile("<(figure|li|details|body)\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    @TempDir
    static Path work;
    private static Chromium chromium;
    private static DemoFleet fleet;
    private static DashboardServer server;

    @BeforeAll
    static void start() {
        Optional<Chromium> found = Chromium.find(work);
        Assumptions.assumeTrue(found.isPresent(), Chromium.NOT_FOUND);
        chromium = found.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fleet = new DemoFleet(work.resolve("data"), now, Duration.ofMinutes(65), Duration.ofSeconds(10));
        server = fleet.server(Clock.fixed(now, ZoneOffset.UTC)).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyChartDrawsEveryDeviceAndTheAlertsShow() throws Exception {
        String dom = chromium.dumpDom(page());
        List<Map<String, String>> tags = tags(dom);

        Map<String, String> body = only(tags, "body");
        assertTrue(Integer.parseInt(body.getOrDefault("data-renders", "0")) >= 1,
                "the page never rendered; status: " + status(dom));
        assertFalse(dom.contains("cannot update"), "the page reported an error: " + status(dom));

        for (String measure : CHARTED) {
            Map<String, String> chart = tags.stream()
                    .filter(t -> t.get("tag").equals("figure") && measure.equals(t.get("data-measure")))
                    .findFirst().orElseThrow(() -> new AssertionError("no chart for " + measure));
            assertEquals(String.join(",", DemoFleet.DEVICES), chart.get("data-devices"), measure);
            Map<String, Integer> points = points(chart.get("data-points"));
            for (String device : DemoFleet.DEVICES) {
                // an hour at 10 s is 360 points; device 3 was silent for 3 minutes
                assertTrue(points.getOrDefault(device, 0) >= 300, measure + " drew " + points);
            }
        }

        List<Map<String, String>> alerts = tags.stream().filter(t -> t.containsKey("data-alert-state")).toList();
        assertEquals(List.of("my_iot_device_3 firing", "my_iot_device_2 resolved"), alerts.stream()
                .map(a -> a.get("data-alert-device") + " " + a.get("data-alert-state")).toList(),
                "firing first, then resolved");
        assertTrue(dom.contains("my_iot_device_3: cpu_usage 9"), "the firing alert's message");
        assertTrue(dom.contains("my_iot_device_2: cpu_temp 8"), "the resolved alert's message");

        Set<String> shadows = new HashSet<>();
        tags.stream().filter(t -> t.get("tag").equals("details")).forEach(t -> shadows.add(t.get("data-device")));
        assertEquals(Set.copyOf(DemoFleet.DEVICES), shadows, "a shadow document per device");
        assertTrue(dom.contains("&quot;reported&quot;") || dom.contains("\"reported\""), "the shadow JSON");
        assertTrue(dom.contains("last seen "), "last seen N s ago");
    }

    @Test
    void theWindowAndTheDeviceFilterComeFromTheUrl() throws Exception {
        String dom = chromium.dumpDom(server.uri().resolve("/#window=5m&hide=my_iot_device_2"));
        int figures = 0;
        for (Map<String, String> chart : tags(dom)) {
            if (chart.get("tag").equals("figure")) {
                figures++;
                assertEquals("my_iot_device_1,my_iot_device_3", chart.get("data-devices"), chart.get("data-measure"));
                Map<String, Integer> points = points(chart.get("data-points"));
                for (String device : List.of("my_iot_device_1", "my_iot_device_3")) {
                    int drawn = points.getOrDefault(device, 0);
                    // 5 minutes at 10 s, both ends included when a point falls on the window's start
                    assertTrue(drawn == 30 || drawn == 31, chart.get("data-measure") + " drew " + points);
                }
            }
        }
        assertEquals(CHARTED.size(), figures, "a chart per charted measure: " + status(dom));
        assertTrue(dom.contains("last 5 min"), "the alert panel names the window");
    }

    @Test
    void theScreenshotShowsThePage() throws Exception {
        Path png = Path.of(System.getProperty("basedir", "."), "target", "dashboard.png");
        chromium.screenshot(page(), png);
        assertTrue(Files.size(png) > 30_000, "a page with charts is not a tiny PNG: " + Files.size(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a PNG");
        assertEquals(1400, image.getWidth());
        assertEquals(1000, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 100, "only " + colours.size() + " colours: a blank or error page?");
    }

    private static URI page() {
        return server.uri().resolve("/#window=1h");
    }

    private static List<Map<String, String>> tags(String dom) {
        List<Map<String, String>> tags = new ArrayList<>();
        Matcher tag = TAG.matcher(dom);
        while (tag.find()) {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("tag", tag.group(1));
            Matcher attribute = ATTRIBUTE.matcher(tag.group(2));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2));
            }
            tags.add(attributes);
        }
        return tags;
    }

    private static Map<String, String> only(List<Map<String, String>> tags, String name) {
        return tags.stream().filter(t -> t.get("tag").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + name + ">"));
    }

    /** {@code a=60,b=58} to a map. */
    private static Map<String, Integer> points(String attribute) {
        Map<String, Integer> points = new HashMap<>();
        if (attribute != null && !attribute.isEmpty()) {
            for (String pair : attribute.split(",")) {
                String[] kv = pair.split("=");
                points.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return points;
    }

    private static String status(String dom) {
        Matcher m = Pattern.compile("id=\"status\"[^>]*>([^<]*)<").matcher(dom);
        return m.find() ? m.group(1) : "(no status)";
    }
}
