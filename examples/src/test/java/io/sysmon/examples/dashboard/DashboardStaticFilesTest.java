package io.sysmon.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.examples.store.TimeSeriesStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The page, its script and style, and the chart library from its WebJar, over real HTTP. */
class DashboardStaticFilesTest {

    @TempDir
    static Path dataDir;
    private static TimeSeriesStore store;
    private static DashboardServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        store = TimeSeriesStore.open(dataDir);
        server = DashboardServer.builder().port(0).metrics(store).alerts(new InMemoryAlerts()).build().start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    @Test
    void thePageAndItsFilesHaveTheirContentTypes() throws Exception {
        assertFile("/", "text/html; charset=utf-8", "<title>sysmon dashboard</title>");
        assertFile("/index.html", "text/html; charset=utf-8", "<title>sysmon dashboard</title>");
        assertFile("/app.js", "text/javascript; charset=utf-8", "window.sysmonDashboard");
        assertFile("/app.css", "text/css; charset=utf-8", ".chart");
    }

    @Test
    void theChartLibraryComesFromItsWebJar() throws Exception {
        String version = uplotVersion();
        HttpResponse<byte[]> js = assertFile("/webjars/uplot/" + version + "/dist/uPlot.iife.min.js",
                "text/javascript; charset=utf-8", "uPlot");
        assertFile("/webjars/uplot/dist/uPlot.min.css", "text/css; charset=utf-8", ".uplot");
        HttpResponse<byte[]> versionless = assertFile("/webjars/uplot/dist/uPlot.iife.min.js",
                "text/javascript; charset=utf-8", "uPlot");
        assertEquals(js.body().length, versionless.body().length);
        assertTrue(js.body().length > 20_000, "the whole library");
    }

    @Test
    void everythingThePageLoadsIsServedHereAndNothingComesFromOutside() throws Exception {
        for (String path : List.of("/", "/app.js", "/app.css")) {
            String text = Http.text(http.get(path));
            assertFalse(Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/", Pattern.CASE_INSENSITIVE)
                    .matcher(text).find(), path + " refers to another host");
            assertFalse(text.contains("@import") || text.contains("@font-face"), path + " loads fonts or CSS");
        }
        Matcher refs = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(Http.text(http.get("/")));
        int count = 0;
        while (refs.find()) {
            HttpResponse<byte[]> response = http.get(refs.group(1));
            assertEquals(200, response.statusCode(), refs.group(1));
            count++;
        }
        assertEquals(4, count, "uPlot's script and style, app.js, app.css");
    }

    @Test
    void staticFilesAreGzippedWhenAccepted() throws Exception {
        HttpResponse<byte[]> response = http.get("/webjars/uplot/dist/uPlot.iife.min.js", "Accept-Encoding", "gzip");
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(""));
    }

    static Stream<String> anythingElseIsA404() throws IOException {
        String version = uplotVersion();
        return Stream.of(
                "/webjars/../io/sysmon/examples/dashboard/app.js",
                "/webjars/uplot/../../io/sysmon/examples/dashboard/DashboardServer.class",
                "/webjars/uplot/%2e%2e/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                "/webjars/uplot/..%2f..%2f..%2fMETA-INF/MANIFEST.MF",
                "/webjars/%2e%2e/%2e%2e/io/sysmon/examples/version.properties",
                "/webjars/uplot/" + version + "/dist",
                "/webjars/uplot/" + version + "/dist/",
                "/webjars/uplot/" + version + "/dist/uPlot.d.ts",
                "/webjars/uplot",
                "/webjars/",
                "/webjars/uplot/.hidden.js",
                "/webjars/nope/dist/x.js",
                "/io/sysmon/examples/dashboard/app.js",
                "/app.js/",
                "/index.html/../app.js",
                "/../../etc/passwd",
                "/META-INF/MANIFEST.MF",
                "/favicon.ico",
                "//etc/passwd");
    }

    @ParameterizedTest
    @MethodSource
    void anythingElseIsA404(String rawPath) throws Exception {
        assertEquals(404, Http.rawStatus(server, rawPath), rawPath);
    }

    private static HttpResponse<byte[]> assertFile(String path, String contentType, String contains)
            throws Exception {
        HttpResponse<byte[]> response = http.get(path);
        assertEquals(200, response.statusCode(), path);
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElse(""), path);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(Http.text(response).contains(contains), path + " lacks " + contains);
        return response;
    }

    private static String uplotVersion() throws IOException {
        try (InputStream in = DashboardStaticFilesTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            assertNotNull(in, "the uPlot WebJar is not on the class path");
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}
