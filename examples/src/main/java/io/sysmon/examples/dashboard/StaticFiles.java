package io.sysmon.examples.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The page's files and the WebJars' assets, from the class path. Only names made of plain segments (letters,
 * digits, {@code . _ -}, none starting with a dot) with a known extension are looked up, so {@code ..}, encoded
 * slashes and directory listings all end in a 404. Thread-safe.
 */
final class StaticFiles {

    /** Where the page's own files live on the class path. */
    static final String PAGE_ROOT = "io/sysmon/examples/dashboard/";
    private static final String WEBJARS = "/webjars/";
    private static final String WEBJARS_ROOT = "META-INF/resources/webjars/";

    private static final Map<String, String> PAGE = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css");

    private static final Pattern SAFE_PATH =
            Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"));

    private final ClassLoader loader;
    /** Found files only, so a client asking for random names cannot grow it. */
    private final Map<String, Response> cache = new ConcurrentHashMap<>();

    StaticFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param rawPath the request's raw (still %-encoded) path
     * @return the file, or empty for a 404
     */
    Optional<Response> get(String rawPath) {
        Response cached = cache.get(rawPath);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Response> found = lookUp(rawPath);
        found.ifPresent(response -> cache.put(rawPath, response));
        return found;
    }

    private Optional<Response> lookUp(String rawPath) {
        String page = PAGE.get(rawPath);
        if (page != null) {
            return read(PAGE_ROOT + page);
        }
        if (!rawPath.startsWith(WEBJARS)) {
            return Optional.empty();
        }
        String rest = rawPath.substring(WEBJARS.length());
        if (!SAFE_PATH.matcher(rest).matches() || contentType(rest).isEmpty()) {
            return Optional.empty();
        }
        Optional<Response> exact = read(WEBJARS_ROOT + rest);
        if (exact.isPresent()) {
            return exact;
        }
        // The version-less form, /webjars/uplot/dist/x.js, so the page need not know the WebJar's version.
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String name = rest.substring(0, slash);
        return webJarVersion(name).flatMap(version ->
                read(WEBJARS_ROOT + name + "/" + version + rest.substring(slash)));
    }

    /** The version of an npm-style or classic WebJar, from the pom.properties it carries. */
    private Optional<String> webJarVersion(String name) {
        for (String group : new String[] {"org.webjars.npm", "org.webjars"}) {
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + name
                    + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    String version = properties.getProperty("version", "");
                    if (SAFE_PATH.matcher(version).matches()) {
                        return Optional.of(version);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + name + " WebJar's pom.properties", e);
            }
        }
        return Optional.empty();
    }

    private Optional<Response> read(String resource) {
        Optional<String> type = contentType(resource);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            // The page's files change with the jar, so the browser revalidates them instead of caching blindly.
            return Optional.of(new Response(200, type.get(), "no-cache", in.readAllBytes()));
        } catch (IOException e) {
            // A directory on a file: class path (the tests' target/classes) cannot be read as a file.
            return Optional.empty();
        }
    }

    private static Optional<String> contentType(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(TYPES.get(path.substring(dot + 1)));
    }
}
